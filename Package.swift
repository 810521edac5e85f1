// swift-tools-version:6.0
import Foundation
import PackageDescription

let package = Package(
    name: "Frontline",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "frontline", targets: ["frontline"]),
        .library(name: "FrontlineKit", targets: ["FrontlineKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // Thin system-library targets: a module map and a shim header each, nothing else.
        .systemLibrary(
            name: "CCairo", pkgConfig: "cairo-ft",
            providers: [.apt(["libcairo2-dev", "libfreetype-dev"])]),
        .systemLibrary(
            name: "CShapelib", pkgConfig: "shapelib",
            providers: [.apt(["libshp-dev"])]),
        // PROJ's headers only: libproj is opened at run time, off the start-up path (see its shim.h).
        .systemLibrary(name: "CProj", providers: [.apt(["libproj-dev"])]),
        .systemLibrary(
            name: "CPNG", pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"])]),
        .systemLibrary(
            name: "CDeflate", pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]),

        // The pipeline: text → places → claims → measures → scene → render.
        .target(name: "FrontlineKit", dependencies: ["CCairo", "CShapelib", "CProj", "CPNG", "CDeflate"]),

        // The CLI: argument parsing and printing only.
        .executableTarget(
            name: "frontline",
            dependencies: [
                "FrontlineKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Benchmarks: prints timings of the pipeline's stages (scripts/bench.sh).
        .executableTarget(name: "frontline-bench", dependencies: ["FrontlineKit"]),

        .testTarget(
            name: "FrontlineKitTests", dependencies: ["FrontlineKit", "frontline"]),
    ]
)

// libFuzzer targets (scripts/fuzz.sh): only in a build that asks for them, since they link only
// with -sanitize=fuzzer (their main hands over to libFuzzer's driver).
if ProcessInfo.processInfo.environment["FRONTLINE_FUZZ"] == "1" {
    package.targets.append(.target(name: "FuzzSupport", path: "Fuzz/FuzzSupport"))
    for name in ["fuzz-article", "fuzz-claims", "fuzz-shapefile", "fuzz-claims-render", "fuzz-numbers"] {
        package.targets.append(
            .executableTarget(name: name, dependencies: ["FrontlineKit", "FuzzSupport"], path: "Fuzz/\(name)"))
    }
}
