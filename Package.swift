// swift-tools-version:6.0
import PackageDescription

/// Numeric code is 30-300x slower unoptimised; tests stay fast when the CNN is built with -O
/// even in debug builds.
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]
/// The CNN's kernels use 8-lane vectors and fused multiply-adds. On x86-64 they are compiled for
/// the x86-64-v3 baseline (AVX2, FMA, BMI2: every x86-64 CPU since about 2015), never for the
/// building machine's CPU, so a binary runs wherever that baseline holds; `tutor` checks the CPU
/// at start and says so when it does not. Other architectures use the compiler's default.
/// `TUTOR_MARCH=native swift build -c release` builds for the building CPU instead, to compare.
#if arch(x86_64)
let march = Context.environment["TUTOR_MARCH"] ?? "x86-64-v3"
let baselineSwift: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-march=\(march)"])]
/// The C target is built for plain x86-64 (it checks the CPU before any kernel runs) and told
/// what the kernels need.
let baselineC: [CSetting] = [
    .define("CFC_BASELINE", to: "\"\(march)\""),
    .define("CFC_NEEDS_AVX2_FMA", to: ["x86-64-v3", "x86-64-v4", "native"].contains(march) ? "1" : "0"),
    .define("CFC_NEEDS_AVX512", to: march == "x86-64-v4" ? "1" : "0"),
]
#else
let baselineSwift: [SwiftSetting] = []
let baselineC: [CSetting] = []
#endif
let libm: [LinkerSetting] = [.linkedLibrary("m", .when(platforms: [.linux]))]

let package = Package(
    name: "cnn-tutor",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tutor", targets: ["tutor"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // The network: tensors, layers, training, data sets. Foundation only.
        .target(name: "TinyCNN", dependencies: ["CZlib", "CFloatControl"], swiftSettings: optimisedInDebug + baselineSwift,
                linkerSettings: libm),
        // The floating-point control register (subnormals flushed) and CPUID, which Swift cannot reach.
        .target(name: "CFloatControl", cSettings: baselineC),
        // zlib, for the gzipped MNIST files a user may point `--data` at.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // Lessons, quizzes, grading, progress. No UI (Canvas only for its width and ASCII tables).
        .target(name: "Curriculum", dependencies: ["Canvas", .product(name: "Yams", package: "Yams")], linkerSettings: libm),
        // The drawing surface: cells, styles, rects, buffers and their diff.
        .target(name: "Canvas"),
        // Pure renderers into a buffer region.
        .target(name: "Widgets", dependencies: ["Canvas", "TinyCNN"], linkerSettings: libm),
        // App state, actions, reducers and renders of every screen.
        .target(name: "TutorApp", dependencies: ["TinyCNN", "Curriculum", "Canvas", "Widgets"], linkerSettings: libm),
        // The only C interop: ncursesw with the wide-char API and accessors for its globals.
        .systemLibrary(name: "CNCurses", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        // The only code that calls ncurses.
        .target(name: "Terminal", dependencies: ["CNCurses", "Canvas"]),
        // The bundled lessons, quizzes and data sets, found from any working directory.
        .target(
            name: "TutorResources",
            path: ".",
            exclude: ["Sources/TinyCNN", "Sources/CFloatControl", "Sources/Curriculum", "Sources/Canvas", "Sources/Widgets",
                      "Sources/TutorApp", "Sources/CNCurses", "Sources/CZlib", "Sources/Terminal", "Sources/tutor",
                      "Sources/TestSupport", "Sources/TestSupportCore", "Tests", "README.md", "scripts", "docs"],
            sources: ["Sources/TutorResources"],
            resources: [.copy("lessons"), .copy("quizzes"), .copy("data")]
        ),
        .executableTarget(
            name: "tutor",
            dependencies: ["TinyCNN", "CFloatControl", "Curriculum", "Canvas", "Widgets", "TutorApp", "Terminal", "TutorResources",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: optimisedInDebug,
            linkerSettings: libm
        ),
        // Helpers shared by the test targets only: the libraries' (frames, snapshots, running the
        // built tutor) and, on top, the app's (a learner's fixture, the bundled samples).
        .target(name: "TestSupportCore", dependencies: ["Canvas"]),
        .target(name: "TestSupport", dependencies: ["TestSupportCore", "TinyCNN", "Curriculum", "Canvas", "Widgets", "TutorApp", "TutorResources"]),

        .testTarget(name: "TinyCNNTests", dependencies: ["TinyCNN", "TestSupportCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TrainingTests", dependencies: ["TinyCNN", "TestSupport", "TutorResources"]),
        .testTarget(name: "CurriculumTests", dependencies: ["Curriculum", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ContentTests", dependencies: ["Curriculum", "TinyCNN", "TestSupport", "TutorResources"]),
        .testTarget(name: "CanvasTests", dependencies: ["Canvas", "TestSupport"]),
        .testTarget(name: "WidgetsTests", dependencies: ["Widgets", "Canvas", "TinyCNN", "TestSupport"], resources: [.copy("Snapshots")]),
        .testTarget(name: "TutorAppTests", dependencies: ["TutorApp", "Canvas", "Curriculum", "TinyCNN", "TestSupport", "TutorResources"], resources: [.copy("Snapshots")]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "Canvas"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"]),
    ]
)
