import ArgumentParser
import Curriculum
import Foundation
import TinyCNN
import TutorApp

/// `tutor lab KIND [settings]`: opens a lab directly, with the settings of a lesson's lab block
/// (`stride=2`) or of `tutor convolve` (`--stride 2`).
struct LabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab",
        abstract: "Open a lab directly: convolution, pooling, network or training.",
        discussion: """
        Settings are written as in a lesson's lab block or as tutor convolve's flags, e.g.
          tutor lab convolution input=digit:3 kernel=sobel-x stride=2 padding=1
          tutor lab convolution --input "1 2 0; 0 1 3; 2 0 1" --kernel "1 0; 0 -1"
          tutor lab pooling input=digit:7 kernel=2 stride=2 mode=max
          tutor lab network dataset=digits sample=5
          tutor lab training dataset=digits lr=0.05 batch=32 optimizer=adam

        The settings of each lab (the same a lesson's lab block may use):
        """ + LabKind.allCases.map { kind in
            "\n  \(kind.rawValue)\n" + kind.helpLines.map { "    " + $0 }.joined(separator: "\n")
        }.joined(separator: "\n")
    )

    @Argument(help: ArgumentHelp("The lab to open.", valueName: "convolution|pooling|network|training"))
    var kind: String

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("key=value settings (or --key value).", valueName: "settings"))
    var settings: [String] = []

    @OptionGroup var display: DisplayOptions
    @OptionGroup var content: ContentOptions

    func run() throws {
        let pairs: [(String, String)]
        do {
            pairs = try LabCommand.parseSettings(settings)
            try LabSettingsCheck.validate(kind: kind, settings: pairs, samples: .bundled())
            try LabCommand.checkModel(pairs)
        } catch {
            FileHandle.standardError.write(Data("tutor lab: \(error)\n".utf8))
            throw ExitCode(2)
        }
        var display = self.display
        if settings.contains("--ascii") { display.ascii = true }
        if settings.contains("--no-color") { display.noColor = true }
        var runner = TUIRunner(display: display, content: content)
        runner.initialActions = [.labRequested(kind: kind, settings: pairs)]
        let code = runner.run()
        if code != 0 { throw ExitCode(code) }
    }

    /// A `model=NAME` must name a saved network of the view's data set, said before the screen starts.
    static func checkModel(_ pairs: [(String, String)]) throws {
        guard let name = pairs.last(where: { $0.0 == "model" })?.1 else { return }
        let dataset = pairs.last(where: { $0.0 == "dataset" })?.1 ?? "digits"
        let info: NetworkInfo
        do {
            info = try ModelStore.load(ModelStore.resolve(name), name: name).1
        } catch {
            throw LabSettingError(key: "model", value: name, reason: ModelStore.standard.url(named: name) == nil && !FileManager.default.fileExists(atPath: name)
                ? "no saved model named \(name) in \(ModelStore.standard.directory.path)" : "\(error)")
        }
        guard info.dataset == (dataset == "mnist5k" ? "mnist" : dataset) else {
            throw LabSettingError(key: "model", value: name, reason: "\(name) is a \(info.dataset) network; add dataset=\(info.dataset)")
        }
    }

    /// `key=value` words and `--key value` / `--key=value` flags as (key, value) pairs, in order.
    static func parseSettings(_ words: [String]) throws(LabSettingError) -> [(String, String)] {
        var pairs: [(String, String)] = []
        var i = 0
        while i < words.count {
            let word = words[i]
            if word.hasPrefix("--") {
                let body = word.dropFirst(2)
                if let eq = body.firstIndex(of: "=") {
                    pairs.append((String(body[..<eq]), String(body[body.index(after: eq)...])))
                } else if ["ascii", "no-color"].contains(String(body)) {
                    // Display flags after the settings are fine too; DisplayOptions read them.
                } else {
                    guard i + 1 < words.count else { throw LabSettingError(key: String(body), value: "", reason: "--\(body) needs a value") }
                    pairs.append((String(body), words[i + 1]))
                    i += 1
                }
            } else if let eq = word.firstIndex(of: "=") {
                pairs.append((String(word[..<eq]), String(word[word.index(after: eq)...])))
            } else {
                throw LabSettingError(key: word, value: "", reason: "settings are key=value (e.g. stride=2) or --key value")
            }
            i += 1
        }
        // As in tutor convolve, an input or kernel (or any of its `|`-separated channels) may be
        // a file of rows: read it here, so the screens only ever see numbers.
        return try pairs.map { (key, value) throws(LabSettingError) -> (String, String) in
            guard key == "input" || key == "kernel" else { return (key, value) }
            var channels: [String] = [], readFile = false
            for part in value.split(separator: "|", omittingEmptySubsequences: false).map(String.init) {
                let path = part.trimmingCharacters(in: .whitespaces)
                guard !path.isEmpty, FileManager.default.fileExists(atPath: path) else { channels.append(part); continue }
                do {
                    let m = try Matrix(contentsOfFile: path)
                    readFile = true
                    channels.append(m.nested.map { $0.map { "\($0)" }.joined(separator: " ") }.joined(separator: "; "))
                } catch {
                    throw LabSettingError(key: key, value: value, reason: "\(error)")
                }
            }
            return (key, readFile ? channels.joined(separator: " | ") : value)
        }
    }
}
