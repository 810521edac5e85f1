import XCTest

@testable import FrontlineKit

final class MeasuresTests: XCTestCase {
    /// GeographicLib's GeodSolve, where installed (CI installs geographiclib-tools).
    func geodSolve(_ pairs: [(LonLat, LonLat)]) throws -> [(azimuth: Double, metres: Double)] {
        let tool = ["/usr/bin/GeodSolve", "/usr/local/bin/GeodSolve"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        guard let tool else { throw XCTSkip("GeodSolve not installed (apt-get install geographiclib-tools)") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = ["-i", "-p", "6"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        try p.run()
        let text = pairs.map { "\($0.0.lat) \($0.0.lon) \($0.1.lat) \($0.1.lon)" }.joined(separator: "\n") + "\n"
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return out.split(separator: "\n").map { line in
            let f = line.split(separator: " ")
            return (Double(f[0])!, Double(f[2])!)
        }
    }

    func testGeodesicDistancesEqualGeodSolve() throws {
        var pairs: [(LonLat, LonLat)] = []
        var seed: UInt64 = 42
        func next() -> Double {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Double(seed >> 11) / Double(1 << 53)
        }
        for _ in 0..<200 {
            pairs.append(
                (
                    LonLat(lon: 30 + 22 * next(), lat: 26 + 16 * next()),
                    LonLat(lon: -180 + 360 * next(), lat: -80 + 160 * next())
                ))
        }
        pairs.append((LonLat(lon: 37.955, lat: 36.528), LonLat(lon: 43.78, lat: 33.35)))
        let reference = try geodSolve(pairs)
        XCTAssertEqual(reference.count, pairs.count)
        for (i, (a, b)) in pairs.enumerated() {
            let inv = Geodesic.wgs84.inverse(a, b)
            XCTAssertEqual(inv.metres, reference[i].metres, accuracy: 0.001, "pair \(i)")
            XCTAssertEqual(inv.azimuth1, reference[i].azimuth, accuracy: 1e-6, "pair \(i) initial bearing")
        }
    }

    func testPolylineLengthSumsSegments() {
        let a = LonLat(lon: 38, lat: 36), b = LonLat(lon: 39, lat: 36), c = LonLat(lon: 39, lat: 37)
        let g = Geodesic.wgs84
        XCTAssertEqual(g.length(of: [a, b, c]), g.distance(a, b) + g.distance(b, c), accuracy: 1e-6)
        XCTAssertEqual(g.length(of: [a]), 0)
        // One degree of latitude near 36.5°N is about 110.96 km on WGS84.
        XCTAssertEqual(g.distance(b, c) / 1000, 110.96, accuracy: 0.05)
    }
}
