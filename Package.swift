// swift-tools-version:6.0
//
// metareport: publication figures and evidence reports for systematic reviews and meta-analyses.
// The flow is one-directional (see docs/architecture.md):
//   ReviewKit (load, validate) → MetaAnalysis (maths) → Figures (layout, then Graphics) → ReportKit → CLI
import PackageDescription

// MARK: - System libraries (Debian packages; `make deps` installs them)

let systemLibraries: [Target] = [
    .systemLibrary(
        name: "CCairo",
        pkgConfig: "cairo",
        providers: [.apt(["libcairo2-dev"])]
    ),
    .systemLibrary(
        name: "CZlib",
        pkgConfig: "zlib",
        providers: [.apt(["zlib1g-dev"])]
    ),
    .systemLibrary(
        name: "CCmarkGFM",
        pkgConfig: "libcmark-gfm",
        providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
    ),
]

// MARK: - Library targets

let libraries: [Target] = [
    // Pure statistics: effect sizes, pooling, heterogeneity, small-study tests. Foundation only.
    .target(name: "MetaAnalysis"),
    // The review model, its loaders (YAML, CSV, robvis, RevMan) and validation.
    // The built-in themes (themes/*.yaml) are compiled in by the EmbedThemes plugin.
    .target(
        name: "ReviewKit",
        dependencies: ["MetaAnalysis", .product(name: "Yams", package: "Yams")],
        plugins: ["EmbedThemes"]
    ),
    // Drawing: the Canvas protocol, Cairo (PNG, PDF) and SVG backends. The only Cairo importer.
    .target(name: "Graphics", dependencies: ["CCairo", "CZlib"]),
    // Figure modules (forest, funnel, …), each a layout of plain values drawn on a Canvas.
    .target(name: "Figures", dependencies: ["ReviewKit", "Graphics"]),
    // The report document, its Markdown writer and HTML through cmark-gfm. The only cmark importer.
    .target(name: "ReportKit", dependencies: ["ReviewKit", "Figures", "CCmarkGFM"]),
    // The command-line interface as a library, so tests can reach it.
    .target(
        name: "MetaReportCLI",
        dependencies: [
            "MetaAnalysis", "ReviewKit", "Graphics", "Figures", "ReportKit",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]
    ),
]

// MARK: - Executables and plugins

let executables: [Target] = [
    .executableTarget(name: "metareport", dependencies: ["MetaReportCLI"]),
    // Build-time helper of the EmbedThemes plugin.
    .executableTarget(name: "embed-files"),
    // `make bench`: times the engine, the figures and whole renders (against R and Python where installed).
    .executableTarget(name: "metareport-bench", dependencies: ["MetaAnalysis", "ReviewKit", "Graphics", "Figures"],
                      path: "Benchmarks/metareport-bench"),
]

// Fuzz targets (`make fuzz` builds them with libFuzzer; ordinary builds make replay tools that
// run saved inputs through the same readers).
let fuzzTargets: [Target] = [
    .target(name: "FuzzSupport", path: "Fuzz/FuzzSupport"),
    .executableTarget(name: "fuzz-csv", dependencies: ["FuzzSupport", "ReviewKit", "MetaAnalysis"], path: "Fuzz/FuzzCSV"),
    .executableTarget(name: "fuzz-review", dependencies: ["FuzzSupport", "ReviewKit"], path: "Fuzz/FuzzReview"),
    .executableTarget(name: "fuzz-robvis", dependencies: ["FuzzSupport", "ReviewKit"], path: "Fuzz/FuzzRobvis"),
    .executableTarget(name: "fuzz-revman", dependencies: ["FuzzSupport", "ReviewKit"], path: "Fuzz/FuzzRevMan"),
]

let plugins: [Target] = [
    .plugin(name: "EmbedThemes", capability: .buildTool(), dependencies: ["embed-files"]),
    // `swift package --allow-writing-to-package-directory render-report [paths…]`
    .plugin(
        name: "RenderReport",
        capability: .command(
            intent: .custom(verb: "render-report", description: "Render review files to reports with metareport."),
            permissions: [.writeToPackageDirectory(reason: "metareport writes each report into a folder beside its review file (or -o DIR).")]
        ),
        dependencies: ["metareport"]
    ),
]

// MARK: - Tests

let tests: [Target] = [
    // Reading and comparing the reference cases, shared by the engine's and the CLI's tests.
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "MetaAnalysisTests", dependencies: ["MetaAnalysis", "TestSupport"]),
    .testTarget(name: "ReviewKitTests", dependencies: ["ReviewKit"]),
    .testTarget(name: "GraphicsTests", dependencies: ["Graphics"]),
    .testTarget(name: "FiguresTests", dependencies: ["Figures", "ReviewKit", "MetaAnalysis", "Graphics"]),
    .testTarget(name: "ReportKitTests", dependencies: ["ReportKit", "ReviewKit", "Figures"]),
    .testTarget(name: "EndToEndTests", dependencies: ["MetaReportCLI", "TestSupport"]),
]

let package = Package(
    name: "metareport",
    products: [
        .executable(name: "metareport", targets: ["metareport"]),
        .plugin(name: "RenderReport", targets: ["RenderReport"]),
        .library(name: "MetaAnalysis", targets: ["MetaAnalysis"]),
        .library(name: "ReviewKit", targets: ["ReviewKit"]),
        .library(name: "Graphics", targets: ["Graphics"]),
        .library(name: "Figures", targets: ["Figures"]),
        .library(name: "ReportKit", targets: ["ReportKit"]),
    ],
    dependencies: [
        // Subcommands, options, help text and exit codes for the CLI.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // YAML with line and column marks, so review-file errors point at the place.
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: systemLibraries + libraries + executables + fuzzTargets + plugins + tests
)
