import Foundation
import Testing
import Curriculum
import TinyCNN

/// The lab blocks of the bundled lessons: each parses, opens a known lab with inputs that
/// exist, and an inline example shows the same numbers as the lesson's worked example.
@Suite("Lab blocks in the lessons")
struct LabBlockTests {
    @Test("every ```lab fence in a lesson file becomes a lab block")
    func noLabIsDropped() {
        for lesson in BundledLessons.lessons {
            let fences = BundledLessons.source(of: lesson).components(separatedBy: "\n```lab\n").count - 1
            #expect(BundledLessons.labs(in: lesson).count == fences, "\(lesson.id): \(fences) lab fences, \(BundledLessons.labs(in: lesson).count) labs parsed")
        }
    }

    @Test("each lab kind appears where its idea is taught")
    func labsWhereTheyTeach() throws {
        let wanted: [(String, LabSpec.Kind)] = [("01", .convolution), ("02", .convolution), ("03", .pooling), ("03", .convolution),
                                               ("04", .network), ("05", .training), ("06", .training), ("07", .training),
                                               ("08", .network), ("09", .network)]
        for (number, kind) in wanted {
            let lesson = try #require(BundledLessons.lesson(number))
            #expect(BundledLessons.labs(in: lesson).contains { $0.kind == kind }, "\(lesson.id) has no \(kind.rawValue) lab")
        }
    }

    @Test("every lab re-parses from its source and its matrices resolve")
    func labsResolve() throws {
        let data = try #require(BundledLessons.dataURL)
        for lesson in BundledLessons.lessons {
            for lab in BundledLessons.labs(in: lesson) {
                let again = try LabSpec.parse(lab.source, line: lab.line)
                #expect(again == lab, "\(lesson.id):\(lab.line) does not round-trip")
                for key in ["input", "kernel"] where lab.kind == .convolution || (lab.kind == .pooling && key == "input") {
                    guard let spec = lab[key] else { continue }
                    for matrix in try MatrixSource.channels(spec, dataDirectory: data) {
                        #expect(matrix.rows >= 1 && matrix.columns >= 1, "\(lesson.id):\(lab.line) \(key)=\(spec)")
                    }
                }
            }
        }
    }

    @Test("inline convolution and pooling labs print the numbers the lesson works out")
    func inlineLabsMatchWorkedExamples() throws {
        var checked = 0
        for lesson in BundledLessons.lessons {
            let text = BundledLessons.source(of: lesson)
            for lab in BundledLessons.labs(in: lesson) {
                guard let input = lab["input"], input.contains(";") else { continue }
                let stride = Int(lab["stride"] ?? "1") ?? 1, padding = Int(lab["padding"] ?? "0") ?? 0
                let output: Matrix
                switch lab.kind {
                case .convolution:
                    let kernel = try #require(lab["kernel"])
                    output = try Compute.convolve(input, kernel, stride: stride, padding: padding, bias: Float(lab["bias"] ?? "0") ?? 0)
                    #expect(text.contains(Shown.block(output)), "\(lesson.id):\(lab.line) shows no \(Shown.inline(output))")
                case .pooling:
                    let mode = PoolingWalk.Mode(rawValue: lab["mode"] ?? "max") ?? .max
                    output = try Compute.pool(input, mode, kernel: Int(lab["kernel"] ?? "2") ?? 2, stride: stride)
                    #expect(text.contains(Shown.inline(output)), "\(lesson.id):\(lab.line) shows no \(Shown.inline(output))")
                default:
                    continue
                }
                checked += 1
            }
        }
        #expect(checked >= 2, "only \(checked) inline labs checked")
    }
}
