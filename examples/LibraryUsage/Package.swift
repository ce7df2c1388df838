// swift-tools-version:6.0
//
// Using metareport's libraries from another Swift package: build a few studies in code, pool them
// and write a forest plot. `make library-check` builds and runs it; see docs/architecture.md.
import PackageDescription

let package = Package(
    name: "LibraryUsage",
    platforms: [.macOS(.v13)],
    dependencies: [
        // In your own package: .package(url: "https://…/metareport.git", from: "0.1.0")
        .package(name: "metareport", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "LibraryUsage",
            dependencies: [
                .product(name: "MetaAnalysis", package: "metareport"),
                .product(name: "ReviewKit", package: "metareport"),
                .product(name: "Figures", package: "metareport"),
                .product(name: "Graphics", package: "metareport"),
            ]
        ),
    ]
)
