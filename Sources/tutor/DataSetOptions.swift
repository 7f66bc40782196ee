import ArgumentParser
import Foundation
import TinyCNN
import TutorResources

/// `--dataset` and `--data`, shared by `train`, `eval` and `bench`.
struct DataSetOptions: ParsableArguments {
    @Option(name: .long, help: "digits (8×8, bundled) or mnist (28×28: the bundled mnist5k, or full MNIST with --data).")
    var dataset: DataSetName?

    /// The names `--dataset` takes.
    enum DataSetName: String, ExpressibleByArgument, CaseIterable { case digits, mnist, mnist5k }

    @Option(name: .long, help: ArgumentHelp("A folder holding MNIST files with the standard names (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-…), gzipped or not.", valueName: "DIR"))
    var data: String?

    /// The chosen kind, or nil when `--dataset` was not given; exits 2 on an unknown name.
    func kind() throws -> DigitsDataSet.Kind? {
        guard let name = dataset else { return data == nil ? nil : .mnist }
        switch name {
        case .digits:
            if data != nil { throw CLIError.usage("--data holds MNIST files; use it with --dataset mnist") }
            return .digits
        case .mnist, .mnist5k:
            return data == nil ? .mnist5k : .mnist
        }
    }

    /// Loads `kind` from `--data` or the bundled folder; exits 1 with the loader's message.
    func load(_ kind: DigitsDataSet.Kind) throws -> DigitsDataSet {
        let folder: URL
        if let data {
            folder = URL(fileURLWithPath: data, isDirectory: true)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CLIError.input("--data \(data): no such folder")
            }
        } else {
            guard let bundled = BundledContent.url(for: .data) else {
                throw CLIError.input("cannot find the bundled data folder (looked in \(BundledContent.candidateRoots().map(\.path).joined(separator: ", ")))")
            }
            folder = bundled
        }
        do {
            return try DigitsDataSet.load(kind, from: folder)
        } catch {
            throw CLIError.input(error.description)
        }
    }
}


/// Whether stdout is a terminal (progress bars and redraws only then).
var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

/// Writes `text` to stdout immediately (no buffering surprises when piped).
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// One JSON object on one line, keys sorted.
func jsonLine<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    // A diverged run's loss is NaN or infinite: spelled as strings, as the calculators do.
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else { return "{}" }
    return text
}
