import XCTest

@testable import FrontlineKit

final class BasemapTests: XCTestCase {
    var basemap: Basemap { get throws { try Basemap(directory: Fixtures.shapes) } }

    func testRequiredLayersReadThroughShapelibAndCoverTheRegion() throws {
        let region = GeoBox(minLon: 34, minLat: 28, maxLon: 50, maxLat: 40)
        for layer in try basemap.layers {
            let reader = try ShapefileReader(path: try basemap.path(layer))
            XCTAssertGreaterThan(reader.count, 0, "\(layer) is empty")
            let recs = try reader.records(within: region)
            XCTAssertFalse(recs.isEmpty, "\(layer) has nothing in the region")
        }
        let countries = try basemap.records(.countries)
        let isos = Set(countries.compactMap { $0.attributes["ISO_A2"] })
        XCTAssertTrue(isos.isSuperset(of: ["SY", "IQ", "TR", "JO", "LB", "IR", "SA"]), "\(isos)")
        XCTAssertEqual(countries.first { $0.attributes["ISO_A2"] == "SY" }?.attributes["NAME"], "Syria")
    }

    func testEuphratesIsOneContinuousLineOrderedDownstream() throws {
        let rivers = try basemap.records(.rivers)
        let euphrates = rivers.filter { $0.attributes["NAME"] == "Euphrates" }
        XCTAssertEqual(euphrates.count, 1)
        let e = try XCTUnwrap(euphrates.first)
        XCTAssertEqual(e.parts.count, 1, "the Euphrates must be one part")
        let line = e.parts[0]
        // Starts in Turkey (north of the Syrian border), ends near Al-Qurnah at the Shatt al-Arab.
        XCTAssertGreaterThan(line.first!.lat, 37.5)
        let qurnah = LonLat(lon: 47.43, lat: 31.0)
        XCTAssertLessThan(Geodesic.wgs84.distance(line.last!, qurnah), 25_000)
        // Passes Raqqa, Deir ez-Zor and Falluja closely, in that order.
        let checkpoints = [
            LonLat(lon: 39.01, lat: 35.95), LonLat(lon: 40.14, lat: 35.336), LonLat(lon: 43.78, lat: 33.35),
        ]
        var lastIndex = -1
        for c in checkpoints {
            let (i, d) = line.enumerated().map { ($0.offset, Geodesic.wgs84.distance($0.element, c)) }.min {
                $0.1 < $1.1
            }!
            XCTAssertLessThan(d, 6_000, "Euphrates passes \(d) m from \(c)")
            XCTAssertGreaterThan(i, lastIndex, "checkpoints out of downstream order")
            lastIndex = i
        }
        // No gap between consecutive vertices larger than a lake crossing.
        for k in 1..<line.count {
            XCTAssertLessThan(Geodesic.wgs84.distance(line[k - 1], line[k]), 30_000)
        }
    }

    func testTigrisIsNamedAndContinuous() throws {
        let tigris = try basemap.records(.rivers).filter { $0.attributes["NAME"] == "Tigris" }
        XCTAssertEqual(tigris.count, 1)
        XCTAssertEqual(tigris.first?.parts.count, 1)
        let line = try XCTUnwrap(tigris.first?.parts.first)
        let baghdad = LonLat(lon: 44.40, lat: 33.34)
        XCTAssertLessThan(line.map { Geodesic.wgs84.distance($0, baghdad) }.min()!, 6_000)
    }

    func testBoundaryLinesKnowTheCountriesOnEitherSide() throws {
        let lines = try basemap.records(.boundaries)
        let syTr = lines.filter { Set([$0.attributes["LEFT_ISO"], $0.attributes["RIGHT_ISO"]]) == Set(["SY", "TR"]) }
        XCTAssertFalse(syTr.isEmpty, "no Syria–Turkey border")
        let length = syTr.flatMap(\.parts).map { Geodesic.wgs84.length(of: $0) }.reduce(0, +) / 1000
        // The Syria–Turkey border is 822–911 km by published figures; Natural Earth 10m's
        // generalised line measures about 776 km.
        XCTAssertGreaterThan(length, 740)
        XCTAssertLessThan(length, 950)
    }

    func testLakesIncludeTheReservoirs() throws {
        let names = try basemap.records(.lakes).compactMap { $0.attributes["NAME"] }.joined(separator: "|").lowercased()
        XCTAssertTrue(names.contains("assad") || names.contains("asad"), names)
        XCTAssertTrue(names.contains("tharthar"), names)
        XCTAssertTrue(names.contains("habbaniyah") || names.contains("habbaniya"), names)
    }

    func testMissingAndCorruptShapefilesGiveClearErrors() throws {
        let dir = try Fixtures.tempDir()
        XCTAssertThrowsError(try ShapefileReader(path: dir + "/nothing.shp")) { e in
            XCTAssertEqual((e as? FrontlineError)?.description, "\(dir)/nothing.shp: shapefile not found")
        }
        FileManager.default.createFile(atPath: dir + "/bad.shp", contents: Data(repeating: 7, count: 50))
        FileManager.default.createFile(atPath: dir + "/bad.shx", contents: Data(repeating: 7, count: 50))
        XCTAssertThrowsError(try ShapefileReader(path: dir + "/bad.shp")) { e in
            XCTAssertTrue((e as? FrontlineError)?.description.hasPrefix("\(dir)/bad.shp:") ?? false, "\(e)")
        }
    }

    // MARK: spatial index

    /// A layer of `side` × `side` squares, 0.25° apart and 0.2° wide, from (30, 28).
    private func gridLayer(_ dir: String, side: Int) throws -> String {
        let w = try ShapefileWriter(path: dir + "/grid")
        for row in 0..<side {
            for col in 0..<side {
                let x = 30 + Double(col) * 0.25, y = 28 + Double(row) * 0.25
                try w.add(ring: [
                    LonLat(lon: x, lat: y), LonLat(lon: x, lat: y + 0.2), LonLat(lon: x + 0.2, lat: y + 0.2),
                    LonLat(lon: x + 0.2, lat: y),
                ])
            }
        }
        return w.path  // closed as the writer goes out of scope
    }

    func testSpatialIndexReadsOnlyTheShapesNearTheBox() throws {
        let dir = try Fixtures.tempDir()
        let path = try gridLayer(dir, side: 60)
        let box = GeoBox(minLon: 33.1, minLat: 31.1, maxLon: 34.4, maxLat: 32.3)  // about 5 × 5 squares
        let whole = try ShapefileReader(path: path).records(within: box)
        XCTAssertNil(try ShapefileReader(path: path).indexedIDs(within: box), "no index yet")
        XCTAssertEqual(try ShapefileReader(path: path).writeIndex(), dir + "/grid.qix")
        let reader = try ShapefileReader(path: path)
        let ids = try XCTUnwrap(reader.indexedIDs(within: box))
        // Every square that meets the box is named, and few others: the index selects.
        let meeting = try (0..<reader.count).filter { try XCTUnwrap(reader.record($0)).bounds.intersects(box) }
        XCTAssertEqual(meeting.count, 36)
        XCTAssertTrue(Set(meeting).isSubset(of: ids), "every square in the box is found")
        XCTAssertLessThan(ids.count, reader.count / 20, "\(ids.count) of \(reader.count) read")
        XCTAssertEqual(ids, ids.sorted())
        // Read through the index: the same records as reading the whole file.
        let indexed = try reader.records(within: box)
        XCTAssertEqual(indexed.map(\.bounds), whole.map(\.bounds))
        XCTAssertEqual(indexed.count, 36)
        // A box the layer does not reach: nothing.
        XCTAssertEqual(try reader.indexedIDs(within: GeoBox(minLon: 10, minLat: 10, maxLon: 11, maxLat: 11)), [])
    }

    func testStaleOrBrokenSpatialIndexIsNotTrusted() throws {
        let dir = try Fixtures.tempDir()
        let path = try gridLayer(dir, side: 12)
        let box = GeoBox(minLon: 30.3, minLat: 28.3, maxLon: 30.9, maxLat: 28.9)
        try ShapefileReader(path: path).writeIndex()
        let qix = dir + "/grid.qix"
        let fm = FileManager.default
        // A layer written after its index: the index is not used, and the answer is still whole.
        try fm.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: path)
        XCTAssertNil(ShapefileReader.usableIndex(for: path))
        XCTAssertEqual(try ShapefileReader(path: path).records(within: box).count, 9)
        // Garbage in place of the index: one clear error naming it.
        try Data("not an index".utf8).write(to: URL(fileURLWithPath: qix))
        try fm.setAttributes([.modificationDate: Date().addingTimeInterval(120)], ofItemAtPath: qix)
        XCTAssertThrowsError(try ShapefileReader(path: path).records(within: box)) { e in
            XCTAssertTrue("\(e)".contains("grid.qix") && "\(e)".contains("not a readable spatial index"), "\(e)")
        }
        // The index of a larger layer: it names records this one does not have.
        let other = try gridLayer(try Fixtures.tempDir(), side: 20)
        try ShapefileReader(path: other).writeIndex()
        try fm.removeItem(atPath: qix)
        try fm.copyItem(atPath: String(other.dropLast(4)) + ".qix", toPath: qix)
        try fm.setAttributes([.modificationDate: Date().addingTimeInterval(180)], ofItemAtPath: qix)
        XCTAssertThrowsError(
            try ShapefileReader(path: path).records(within: GeoBox(minLon: 29, minLat: 27, maxLon: 36, maxLat: 34))
        ) { e in
            XCTAssertTrue("\(e)".contains("names records"), "\(e)")
        }
    }

    func testIndexIsWrittenWholeOrNotAtAll() throws {
        let dir = try Fixtures.tempDir()
        let path = try gridLayer(dir, side: 10)
        // A layer with a record shapelib cannot read: no index, and the error names the layer.
        let data = try XCTUnwrap(FileManager.default.contents(atPath: path))
        FileManager.default.createFile(atPath: path, contents: data.prefix(data.count - 60))
        XCTAssertThrowsError(try ShapefileReader(path: path).writeIndex()) { e in
            XCTAssertTrue("\(e)".contains("grid.shp"), "\(e)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/grid.qix"))
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".tmp") }, [],
            "no temporary file left")
        // The command names the folder to index: it never writes into the committed basemap by default.
        let r = try Fixtures.run(["basemap", "index"])
        XCTAssertEqual(r.code, 2)
        XCTAssertTrue(r.err.contains("--shapes"), r.err)
    }

    func testIndexedBasemapLayersGiveTheSameShapesAndAreNotReadAhead() throws {
        // Both copies without the .qix the committed folder gets on first use; one indexed by the command,
        // the other read without indexes (and not indexed on first use).
        let dir = try Fixtures.tempDir(), plainDir = try Fixtures.tempDir()
        let fm = FileManager.default
        for d in [dir, plainDir] {
            _ = try Fixtures.shapesCopy(at: d)
            for f in try fm.contentsOfDirectory(atPath: d) where f.hasSuffix(".qix") {
                try fm.removeItem(atPath: d + "/" + f)
            }
        }
        let plain = try Basemap(directory: plainDir, indexesOnFirstUse: false)
        let indexed = try Basemap(directory: dir, indexesOnFirstUse: false)
        let r = try Fixtures.run(["basemap", "index", "--shapes", dir])
        XCTAssertEqual(r.code, 0, r.err)
        for layer in plain.layers {
            XCTAssertTrue(r.out.contains("wrote \(dir)/\(layer.rawValue).qix"), r.out)
            XCTAssertTrue(indexed.indexed(layer))
            XCTAssertFalse(plain.indexed(layer), "the copy without .qix has no index")
        }
        try indexed.preload()
        try plain.preload()
        for layer in plain.layers {
            XCTAssertFalse(indexed.isRead(layer), "\(layer): an indexed layer is read through its index, not ahead")
            XCTAssertTrue(plain.isRead(layer), "\(layer): a layer without an index is read whole, ahead")
        }
        for box in [
            GeoBox(minLon: 36, minLat: 35, maxLon: 39, maxLat: 37.5),
            GeoBox(minLon: 34, minLat: 28, maxLon: 50, maxLat: 40),
        ] {
            for layer in plain.layers {
                let a = try plain.records(layer, within: box), b = try indexed.records(layer, within: box)
                XCTAssertEqual(a.map(\.bounds), b.map(\.bounds), "\(layer) in \(box)")
                XCTAssertEqual(a.map(\.attributes), b.map(\.attributes), "\(layer) in \(box)")
            }
        }
        // The small box leaves out shapes the region has: the index selects.
        let small = GeoBox(minLon: 36, minLat: 35, maxLon: 39, maxLat: 37.5)
        XCTAssertLessThan(try indexed.records(.lakes, within: small).count, try indexed.records(.lakes).count)
    }

    // MARK: scales, optional layers, coverage

    func testScaleFollowsNaturalEarthsGuidance() {
        // 1,000 km on 270 mm is 1:3.7 million; 10,000 km, 1:37 million; 30,000 km, 1:111 million.
        XCTAssertEqual(Basemap.Scale.forMap(kmAcross: 1000, mmAcross: 270), .fine)
        XCTAssertEqual(Basemap.Scale.forMap(kmAcross: 10000, mmAcross: 270), .medium)
        XCTAssertEqual(Basemap.Scale.forMap(kmAcross: 30000, mmAcross: 270), .coarse)
        XCTAssertLessThan(Basemap.Scale.fine, Basemap.Scale.coarse)
    }

    /// A coarser file is read when the basemap has it; a scale it lacks falls back to the next finer file.
    func testCoarserFileIsReadWhenPresentElseTheFinerOne() throws {
        let dir = try Fixtures.tempDir()
        let fm = FileManager.default
        _ = try Fixtures.shapesCopy(at: dir)
        for f in try fm.contentsOfDirectory(atPath: dir) where f.hasPrefix("land-") {
            try fm.removeItem(atPath: dir + "/" + f)
        }
        // Countries stand in for a coarse land layer: their records carry ISO codes, land's do not.
        for ext in ["shp", "shx", "dbf"] {
            try fm.copyItem(atPath: "\(dir)/countries.\(ext)", toPath: "\(dir)/land-110m.\(ext)")
        }
        let b = try Basemap(directory: dir)
        XCTAssertEqual(b.path(.land, scale: .coarse), dir + "/land-110m.shp")
        XCTAssertEqual(b.path(.land, scale: .medium), dir + "/land.shp", "no -50m file: the finest")
        XCTAssertTrue(try b.records(.land, scale: .coarse).allSatisfy { $0.attributes["ISO_A2"] != nil })
        XCTAssertTrue(try b.records(.land, scale: .medium).allSatisfy { $0.attributes["ISO_A2"] == nil })
        XCTAssertTrue(b.layerFiles.contains(dir + "/land-110m.shp"))
        let r = try Fixtures.run(["basemap", "index", "--shapes", dir])
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertTrue(r.out.contains("wrote \(dir)/land-110m.qix"), r.out)
    }

    func testDivisionsLayerIsOptional() throws {
        // The committed basemap has first-level divisions; a copy without them draws none.
        let full = try basemap
        let box = GeoBox(minLon: 36, minLat: 35, maxLon: 39, maxLat: 37)
        XCTAssertTrue(full.layers.contains(.divisions))
        XCTAssertTrue(try full.records(.divisions, within: box).contains { $0.attributes["ISO_A2"] == "SY" })
        let dir = try Fixtures.shapesCopy(at: try Fixtures.tempDir())
        for f in try FileManager.default.contentsOfDirectory(atPath: dir) where f.hasPrefix("divisions.") {
            try FileManager.default.removeItem(atPath: dir + "/" + f)
        }
        let b = try Basemap(directory: dir)
        XCTAssertFalse(b.layers.contains(.divisions))
        XCTAssertEqual(try b.records(.divisions, within: box).count, 0)
    }

    func testAttributeTestReadsOnlyTheShapesItKeeps() throws {
        // Syria's divisions in a box over its neighbours' too: the same records as read all and filtered.
        let full = try basemap
        let box = GeoBox(minLon: 35, minLat: 32, maxLon: 43, maxLat: 38)
        let keep = { (a: [String: String]) in a["ISO_A2"] == "SY" }
        let all = try full.records(.divisions, within: box)
        let kept = try full.records(.divisions, within: box, where: keep)
        XCTAssertFalse(kept.isEmpty)
        XCTAssertLessThan(kept.count, all.count)
        XCTAssertEqual(kept.map(\.bounds), all.filter { keep($0.attributes) }.map(\.bounds))
        let reader = try ShapefileReader(path: full.path(.divisions))
        XCTAssertEqual(try reader.records(within: box, where: keep).map(\.attributes), kept.map(\.attributes))
        XCTAssertEqual(reader.attributes(0), try reader.record(0)?.attributes)
        XCTAssertEqual(reader.attributes(reader.count), [:])
        // With no box, only the records kept are read; once the layer is read whole (and kept), it is
        // filtered alike.
        let syrian = { (a: [String: String]) in a["LEFT_ISO"] == "SY" }
        let read = try full.records(.boundaries, where: syrian)
        XCTAssertFalse(read.isEmpty)
        XCTAssertFalse(full.isRead(.boundaries))
        let whole = try full.records(.boundaries)
        XCTAssertTrue(full.isRead(.boundaries))
        XCTAssertEqual(read.map(\.bounds), whole.filter { syrian($0.attributes) }.map(\.bounds))
        XCTAssertEqual(try full.records(.boundaries, where: syrian).map(\.bounds), read.map(\.bounds))
    }

    func testRecordsReadThroughTheIndexAreKeptForTheNextMapWithinABudget() throws {
        // A second map of the same region takes the records kept by the first: the same records.
        let full = try basemap
        let box = GeoBox(minLon: 36, minLat: 33, maxLon: 42, maxLat: 37)
        XCTAssertEqual(full.shapes.kept, 0)
        let first = try full.records(.land, within: box)
        let kept = full.shapes.kept
        XCTAssertGreaterThan(kept, 0)
        let again = try full.records(.land, within: box)
        XCTAssertEqual(full.shapes.kept, kept, "nothing read twice")
        XCTAssertEqual(again.map(\.bounds), first.map(\.bounds))
        XCTAssertEqual(again.map(\.parts), first.map(\.parts))
        let uncached = try ShapefileReader(path: full.path(.land)).records(within: box)
        XCTAssertEqual(uncached.map(\.parts), first.map(\.parts))
        // An attribute test applies to kept records as to those read.
        let syria = try full.records(.divisions, within: box, where: { $0["ISO_A2"] == "SY" })
        let kept2 = try full.records(.divisions, within: box, where: { $0["ISO_A2"] == "SY" })
        XCTAssertEqual(kept2.map(\.bounds), syria.map(\.bounds))
        XCTAssertTrue(kept2.allSatisfy { $0.attributes["ISO_A2"] == "SY" })
        // Past its budget the cache keeps nothing more, and a null shape is kept as one.
        let small = RecordCache(budget: 10)
        let ring = ShapeRecord(
            parts: [[LonLat(lon: 0, lat: 0), LonLat(lon: 1, lat: 0), LonLat(lon: 0, lat: 1), LonLat(lon: 0, lat: 0)]],
            bounds: GeoBox(minLon: 0, minLat: 0, maxLon: 1, maxLat: 1), attributes: [:])
        small.keep(ring, "a.shp", 0)
        small.keep(ring, "a.shp", 1)
        small.keep(ring, "a.shp", 2)
        small.keep(nil, "a.shp", 3)
        XCTAssertEqual(small.kept, 8)
        XCTAssertEqual(small.record("a.shp", 1)??.parts, ring.parts)
        XCTAssertNil(small.record("a.shp", 2), "over the budget")
        XCTAssertNotNil(small.record("a.shp", 3), "a null shape is kept")
        XCTAssertNil(small.record("a.shp", 3)!)
        XCTAssertNil(small.record("b.shp", 0))
    }

    func testFieldsAreTrimmedAsFoundationTrimsThem() {
        for text in ["  Syria  ", "Syria", "", "   ", "\tAleppo ", " Homs\u{00A0}", "Ḥamāh  ", " a b "] {
            let trimmed = text.withCString { ShapefileReader.trimmed($0) }
            XCTAssertEqual(trimmed, text.trimmingCharacters(in: .whitespaces), "'\(text)'")
        }
    }

    /// Places outside what the basemap covers (its land layer's bounds) are listed, not drawn.
    func testCoverageIsTheLandLayersBounds() throws {
        // The committed basemap is the world's (Antarctica's land reaches -90).
        let c = try basemap.coverage()
        XCTAssertEqual(c.minLon, -180, accuracy: 0.01)
        XCTAssertEqual(c.maxLon, 180, accuracy: 0.01)
        XCTAssertEqual(c.minLat, -90, accuracy: 0.01)
        XCTAssertGreaterThan(c.maxLat, 83)
    }
}
