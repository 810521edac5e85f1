import Foundation

/// Checks a shapefile's three files before shapelib reads them. shapelib trusts what it reads: an
/// `.shx` offset into the header or into another record, a `.dbf` header longer than the file or a
/// shape type it does not know are drawn as garbage or nothing, without a word. Each refusal here is
/// one line naming the file and, where there is one, the record (numbered from 0, as shapelib does).
/// Files are opened through `InputFile`, so a FIFO or a device is refused without blocking.
struct ShapefileCheck {
    let base: String
    /// The geometry the layer must hold, or nil for any.
    let expecting: ShapeKind?

    var shpPath: String { base + ".shp" }
    var shxPath: String { base + ".shx" }
    var dbfPath: String { base + ".dbf" }

    /// The shape types of the format (null, point, arc, polygon, multipoint, each plain, Z and M, and
    /// the multipatch): anything else is not a shapefile's.
    static let knownTypes: Set<Int32> = [0, 1, 3, 5, 8, 11, 13, 15, 18, 21, 23, 25, 28, 31]
    static let header = 100

    /// Checks the .shp and .shx headers and every record's place in the .shp, then the .dbf if there is
    /// one; returns the number of records.
    @discardableResult
    func run() throws -> Int {
        let shp = try Self.open(shpPath), shx = try Self.open(shxPath)
        let type = try checkHeader(of: shp, path: shpPath, what: "shapefile")
        let shxType = try checkHeader(of: shx, path: shxPath, what: "shapefile index")
        guard shxType == type else {
            throw bad(shxPath, "says shape type \(shxType) but \(name(shpPath)) has type \(type)")
        }
        let count = try checkRecords(index: shx, shapefileSize: shp.size)
        try checkLength(of: shp, path: shpPath)
        if FileManager.default.fileExists(atPath: dbfPath) { try checkTable(try Self.open(dbfPath)) }
        return count
    }

    private func bad(_ path: String, _ reason: String) -> FrontlineError { .badInput(file: path, reason: reason) }
    private func name(_ path: String) -> String { (path as NSString).lastPathComponent }

    static func open(_ path: String) throws -> InputFile {
        do {
            return try InputFile(path: path)
        } catch .missing {
            throw FrontlineError.badInput(file: path, reason: "not found")
        } catch {
            throw FrontlineError.badInput(file: path, reason: error.text)
        }
    }

    static func bytes(_ file: InputFile, at offset: Int, count: Int) throws -> [UInt8] {
        do { return try file.bytes(at: offset, count: count) } catch {
            throw FrontlineError.badInput(file: file.path, reason: error.text)
        }
    }

    /// The 100-byte header shared by .shp and .shx: the signature, version, shape type and bounds.
    private func checkHeader(of file: InputFile, path: String, what: String) throws -> Int32 {
        let h = try Self.bytes(file, at: 0, count: Self.header)
        guard h.count == Self.header, HeaderBytes.bigInt32(h, 0) == 9994, HeaderBytes.littleInt32(h, 28) == 1000 else {
            let why = h.count < Self.header ? "shorter than its 100-byte header" : "no signature"
            throw bad(path, "not a readable \(what) (\(why))")
        }
        let type = HeaderBytes.littleInt32(h, 32)
        guard Self.knownTypes.contains(type) else {
            throw bad(path, "not a readable \(what) (shape type \(type) is not a shapefile type)")
        }
        if let expecting, type != 0, ShapeKind(type) != expecting {
            throw bad(
                path, "holds \(ShapeKind(type).plural) (shape type \(type)) where this layer needs \(expecting.plural)")
        }
        let box = (0..<4).map { HeaderBytes.littleDouble(h, 36 + 8 * $0) }
        guard Coordinates.valid(lon: box[0], lat: box[1]), Coordinates.valid(lon: box[2], lat: box[3]) else {
            throw bad(path, "the header's bounds \(box) are not finite or not within ±180°, ±90°")
        }
        return type
    }

    /// The file's length as its header states it (in 16-bit words) against the length it has.
    private func checkLength(of file: InputFile, path: String) throws {
        let stated = Int(HeaderBytes.bigInt32(try Self.bytes(file, at: 24, count: 4), 0)) * 2
        guard stated == file.size else {
            throw bad(
                path,
                "the header says the file is \(stated) bytes but it is \(file.size)"
                    + (stated > file.size ? " (truncated?)" : ""))
        }
    }

    /// Every record's offset and length in the .shx: after the .shp's header, in order, not overlapping
    /// the one before, and inside the .shp.
    private func checkRecords(index shx: InputFile, shapefileSize: Int) throws -> Int {
        try checkLength(of: shx, path: shxPath)
        guard (shx.size - Self.header) % 8 == 0 else {
            throw bad(shxPath, "is \(shx.size) bytes: not a 100-byte header and 8 bytes per record")
        }
        let count = (shx.size - Self.header) / 8
        let table = try Self.bytes(shx, at: Self.header, count: count * 8)
        var previousEnd = Self.header
        for i in 0..<count {
            let offset = Int(HeaderBytes.bigInt32(table, 8 * i)) * 2
            let length = Int(HeaderBytes.bigInt32(table, 8 * i + 4)) * 2
            let end = offset + 8 + length
            guard offset < Self.header || length < 4 || offset < previousEnd || end > shapefileSize else {
                previousEnd = end
                continue
            }
            // Only for a refusal: made for every record, this text cost a millisecond a layer.
            let at = "record \(i): at byte \(offset)"
            if offset < Self.header { throw bad(shxPath, "\(at) points into the .shp's 100-byte header") }
            if length < 4 { throw bad(shxPath, "\(at) has a length of \(length) bytes, too short for a shape") }
            if offset < previousEnd {
                throw bad(shxPath, "\(at) overlaps record \(i - 1), which ends at byte \(previousEnd)")
            }
            if end > shapefileSize {
                throw bad(
                    shpPath,
                    "record \(i): bytes \(offset)–\(end) lie past the end of the file"
                        + " (\(shapefileSize) bytes; truncated?)")
            }
            previousEnd = end
        }
        return count
    }

    /// The .dbf's header: its stated length and its records' inside the file, and the fields' widths
    /// adding up to a record's.
    private func checkTable(_ dbf: InputFile) throws {
        let h = try Self.bytes(dbf, at: 0, count: 32)
        guard h.count == 32 else { throw bad(dbfPath, "not a readable attribute table (shorter than its header)") }
        let records = Int(HeaderBytes.littleUInt32(h, 4)), headerLength = Int(HeaderBytes.littleUInt16(h, 8))
        let recordLength = Int(HeaderBytes.littleUInt16(h, 10))
        guard headerLength <= dbf.size else {
            throw bad(dbfPath, "its header says it is \(headerLength) bytes long, more than the file's \(dbf.size)")
        }
        guard headerLength >= 33, (headerLength - 33) % 32 == 0, recordLength >= 1 else {
            throw bad(
                dbfPath, "not a readable attribute table (header of \(headerLength) bytes, records of \(recordLength))")
        }
        let needed = headerLength + records * recordLength
        guard needed <= dbf.size else {
            throw bad(
                dbfPath,
                "its header says \(records) records of \(recordLength) bytes, \(needed) bytes in all, "
                    + "but the file is \(dbf.size) (truncated?)")
        }
        let fields = (headerLength - 33) / 32
        let descriptors = try Self.bytes(dbf, at: 32, count: fields * 32)
        let widths = (0..<fields).reduce(0) { $0 + Int(descriptors[32 * $1 + 16]) }
        guard widths + 1 == recordLength else {
            throw bad(dbfPath, "its fields add up to \(widths + 1) bytes a record, its header says \(recordLength)")
        }
    }
}

extension ShapeKind {
    /// What a layer of this kind holds, in words.
    var plural: String {
        switch self {
        case .point: return "points"
        case .arc: return "lines"
        case .polygon: return "polygons"
        case .other(let code): return "shapes of type \(code)"
        }
    }
}

/// Integers and doubles of a file's header, in the byte order the format states.
enum HeaderBytes {
    static func bigInt32(_ b: [UInt8], _ at: Int) -> Int32 {
        Int32(bitPattern: UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3]))
    }
    static func littleUInt32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
    }
    static func littleInt32(_ b: [UInt8], _ at: Int) -> Int32 { Int32(bitPattern: littleUInt32(b, at)) }
    static func littleUInt16(_ b: [UInt8], _ at: Int) -> UInt16 { UInt16(b[at]) | UInt16(b[at + 1]) << 8 }
    static func littleDouble(_ b: [UInt8], _ at: Int) -> Double {
        Double(bitPattern: UInt64(littleUInt32(b, at)) | UInt64(littleUInt32(b, at + 4)) << 32)
    }
}
