import Curriculum
import Foundation
import Testing
import TestSupport
import TutorResources
@testable import TutorApp

/// Every lab block in the bundled lessons opens its lab with every setting understood.
@Test func everyBundledLabBlockOpensCleanly() throws {
    let folder = try #require(BundledContent.url(for: .lessons))
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted()
    let samples = SampleBank.bundled()
    var opened = 0
    for file in files {
        let lines = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8).components(separatedBy: "\n")
        for (i, line) in lines.enumerated() where line.trimmingCharacters(in: .whitespaces) == "```lab" && i + 1 < lines.count {
            let spec = try LabSpec.parse(lines[i + 1], line: i + 1)
            var state = AppState(width: 100, height: 30, capabilities: .plain)
            state.labSamples = samples
            _ = openLab(&state, spec: spec)
            #expect(state.status == nil, "\(file):\(i + 1) \(spec.source): \(state.status ?? "")")
            #expect(state.routes.count == 2, "\(file):\(i + 1) did not open")
            #expect(state.route == .lab(spec.kind), "\(file):\(i + 1)")
            // The block's numbers are what the lab shows.
            if spec.kind == .convolution, let lab = state.convolutionLab {
                if let stride = spec["stride"] { #expect("\(lab.stride)" == stride) }
                if let padding = spec["padding"] { #expect("\(lab.padding)" == padding) }
                #expect(lab.output.error == nil, "\(file):\(i + 1): \(lab.output.error ?? "")")
            }
            opened += 1
        }
    }
    #expect(opened >= 10, "only \(opened) lab blocks found")
}
