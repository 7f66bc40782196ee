import Foundation

/// The labs the tutor has, each with the settings it takes: their names, types, ranges, defaults
/// and help. Lesson lab blocks (and so `tutor check`), `tutor lab` and the lab screens all read
/// this one schema, so what a lesson may write is what the lab does.
///
/// Adding a lab: a case here and its `settings`; the compiler then points at each switch over
/// `LabKind` that must learn it (the launcher, the route, the screen).
public enum LabKind: String, Sendable, Hashable, CaseIterable {
    case convolution, pooling, network, training

    /// How the lab is named in messages: "the convolution lab".
    public var title: String {
        switch self {
        case .convolution: return "the convolution lab"
        case .pooling: return "the pooling lab"
        case .network: return "the network view"
        case .training: return "live training"
        }
    }

    /// The settings the lab takes, in the order help lists them.
    public var settings: [LabSetting] {
        switch self {
        case .convolution:
            return [
                LabSetting(.input, .image, default: "digit:3", help: "the image: digit:N, mnist:N, checker, cross, ramp or rows \"1 2; 3 4\"; channels separated by |"),
                LabSetting(.kernel, .kernel, default: "sobel-x", help: "the kernel: a preset (\(LabSetting.kernelPresets.joined(separator: ", "))) or rows \"1 0; 0 -1\"; one slice per input channel, separated by |"),
                LabSetting(.stride, .integer(1...4), default: "1", help: "how far the window moves each step"),
                LabSetting(.padding, .integer(0...3), default: "0", help: "rings of zeros around the input"),
                LabSetting(.dilation, .integer(1...3), default: "1", help: "the gap between the kernel's taps"),
                LabSetting(.bias, .number(-5...5, aboveLower: false), default: "0", help: "added to every output"),
                LabSetting(.relu, .flag, default: "off", help: "negative outputs become 0"),
                LabSetting(.predict, .choice(["value", "partials"], aliases: [:]), default: "value",
                           help: "what predict mode asks for with several channels: only the value, or each channel's partial sum first"),
            ]
        case .pooling:
            return [
                LabSetting(.input, .image, default: "digit:7", help: "the image: digit:N, mnist:N, checker, cross, ramp or rows \"1 2; 3 4\""),
                LabSetting(.kernel, .integer(1...5), default: "2", help: "the window's side"),
                LabSetting(.stride, .integer(1...5), default: nil, help: "how far the window moves (the kernel's side when not given)"),
                LabSetting(.mode, .choice(["max", "avg"], aliases: ["average": "avg"]), default: "max", help: "take the largest value or the mean"),
                LabSetting(.padding, .integer(0...2), default: "0", help: "rings of padding, at most half the kernel"),
            ]
        case .network:
            return [
                LabSetting(.dataset, .choice(["digits", "mnist"], aliases: ["mnist5k": "mnist"]), default: "digits", help: "the 8×8 digits or the 28×28 MNIST sample"),
                LabSetting(.sample, .integer(0...99_999), default: "0", help: "which test image (past the last: the last)"),
                LabSetting(.model, .modelName, default: nil, help: "a saved network's name in the state directory's models/ (the demo network when not given)"),
            ]
        case .training:
            return [
                LabSetting(.dataset, .choice(["digits", "mnist"], aliases: ["mnist5k": "mnist"]), default: "digits", help: "the 8×8 digits or the 28×28 MNIST sample"),
                LabSetting(.lr, .number(0...10, aboveLower: true), default: nil, help: "the base learning rate, falling on a cosine to 5% (0.01 with adam on digits, 0.005 on mnist, 0.05 with sgd when not given)"),
                LabSetting(.batch, .integer(1...512), default: "32", help: "images per step"),
                LabSetting(.optimizer, .choice(["adam", "sgd"], aliases: [:]), default: "adam", help: "adam, or sgd with momentum 0.9"),
                LabSetting(.epochs, .integer(1...100), default: nil, help: "passes over the training set (10 on digits, 5 on mnist when not given)"),
                LabSetting(.augment, .flag, default: "off", help: "shift and tilt the training images a little"),
                LabSetting(.seed, .seed, default: "1", help: "the random seed: the same seed trains the same network"),
            ]
        }
    }

    /// The setting called `name`, if the lab has one.
    public func setting(_ name: LabSetting.Name) -> LabSetting? {
        settings.first { $0.name == name }
    }

    /// Reads `key=value` settings against the schema: the values that are usable (canonical, see
    /// `LabSetting.check`) and a learner-facing error for each that is not (an unknown key, a
    /// value out of range, a key given twice).
    public func read(_ pairs: [(String, String)]) -> (values: LabSettingValues, errors: [LabSettingError]) {
        var values = LabSettingValues(kind: self)
        var errors: [LabSettingError] = []
        for (key, value) in pairs {
            guard let name = LabSetting.Name(rawValue: key.lowercased()), let setting = setting(name) else {
                errors.append(LabSettingError(key: key, value: value, reason: "\(title) has no setting \(key) (\(settings.map(\.name.rawValue).joined(separator: ", ")))"))
                continue
            }
            guard values.given[name] == nil else {
                errors.append(LabSettingError(key: key, value: value, reason: "\(key) is given twice"))
                continue
            }
            do {
                values.given[name] = try setting.check(value)
            } catch {
                errors.append(error)
            }
        }
        if self == .convolution, errors.isEmpty, let input = values[.input], let kernel = values[.kernel] {
            let channels = LabSetting.channelCount(input), slices = LabSetting.channelCount(kernel)
            if channels != slices {
                errors.append(LabSettingError(key: "kernel", value: kernel, reason: "the kernel has \(slices) slice\(slices == 1 ? "" : "s") but the input has \(channels) channel\(channels == 1 ? "" : "s") (one slice per input channel, separated by |)"))
            }
        }
        return (values, errors)
    }
}

/// One setting of a lab: name, type and range, default and a line of help.
public struct LabSetting: Sendable, Hashable {
    /// Every setting name any lab takes; a lab's `settings` say which are its own.
    public enum Name: String, Sendable, Hashable, CaseIterable {
        case input, kernel, stride, padding, dilation, bias, relu, predict, mode, dataset, sample
        case lr, batch, optimizer, epochs, augment, seed, model
    }

    /// What a value may be.
    public enum ValueType: Sendable, Hashable {
        /// A whole number in the range.
        case integer(ClosedRange<Int>)
        /// A finite number in the range; `aboveLower` when the bottom itself is excluded (lr > 0).
        case number(ClosedRange<Double>, aboveLower: Bool)
        /// One of the words (the first is the usual one); `aliases` map other spellings to them.
        case choice([String], aliases: [String: String])
        /// `on` or `off` (also `true`/`false`, `yes`/`no`, `1`/`0`).
        case flag
        /// An input SPEC: a pattern, `digit:N`, `mnist:N` or an inline matrix.
        case image
        /// A kernel SPEC: a preset or an inline matrix.
        case kernel
        /// A whole number 0 or more, up to 2⁶⁴ − 1.
        case seed
        /// A saved model's name: 1-200 letters, digits, `.`, `-` or `_`, not starting with `.`.
        case modelName
    }

    public let name: Name
    public let type: ValueType
    /// The value when the setting is not given, as written; nil when it follows from another
    /// setting (the help says how).
    public let defaultValue: String?
    public let help: String

    public init(_ name: Name, _ type: ValueType, default defaultValue: String?, help: String) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.help = help
    }

    /// The kernel presets, as TinyCNN's `KernelPreset` names them.
    public static let kernelPresets = ["identity", "box-blur", "gaussian", "sharpen", "sobel-x", "sobel-y",
                                       "laplacian", "edge-h", "edge-v"]
    /// The inputs that need no data set.
    public static let inputPatterns = ["checker", "cross", "ramp"]

    /// What the type allows, for messages and help: `a whole number from 1 to 4`.
    public var allowed: String {
        switch type {
        case .integer(let r): return "a whole number from \(r.lowerBound) to \(r.upperBound)"
        case .number(let r, let above):
            return above ? "a number above \(Self.format(r.lowerBound)), at most \(Self.format(r.upperBound))"
                : "a number from \(Self.format(r.lowerBound)) to \(Self.format(r.upperBound))"
        case .choice(let words, _): return words.joined(separator: " or ")
        case .flag: return "on or off"
        case .image: return "digit:N, mnist:N, \(Self.inputPatterns.joined(separator: ", ")) or a quoted matrix"
        case .kernel: return "\(Self.kernelPresets.joined(separator: ", ")) or a quoted matrix"
        case .seed: return "a whole number 0 or more"
        case .modelName: return "a saved model's name (letters, digits, . - _)"
        }
    }

    /// Checks one value; returns it in canonical form (`average` → `avg`, `yes` → `on`).
    /// - Throws: `LabSettingError` saying what the setting allows.
    public func check(_ value: String) throws(LabSettingError) -> String {
        let fail = LabSettingError(key: name.rawValue, value: value, reason: "expected \(allowed)")
        switch type {
        case .integer(let range):
            guard let n = Int(value), range.contains(n) else { throw fail }
            return String(n)
        case .number(let range, let above):
            guard let x = Double(value), x.isFinite, range.contains(x), !(above && x == range.lowerBound) else { throw fail }
            return value
        case .choice(let words, let aliases):
            let word = value.lowercased()
            if words.contains(word) { return word }
            if let canonical = aliases[word] { return canonical }
            throw fail
        case .flag:
            switch value.lowercased() {
            case "on", "true", "yes", "1": return "on"
            case "off", "false", "no", "0": return "off"
            default: throw fail
            }
        case .image:
            if let problem = Self.specProblem(value, presets: Self.inputPatterns, allowsSampleSets: true) {
                throw LabSettingError(key: name.rawValue, value: value, reason: problem)
            }
            return value
        case .kernel:
            if let problem = Self.specProblem(value, presets: Self.kernelPresets, allowsSampleSets: false) {
                throw LabSettingError(key: name.rawValue, value: value, reason: problem)
            }
            return value
        case .seed:
            guard UInt64(value) != nil else { throw fail }
            return value
        case .modelName:
            let allowedScalar: (Unicode.Scalar) -> Bool = { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) }
            guard (1...200).contains(value.unicodeScalars.count), !value.hasPrefix("."), value.unicodeScalars.allSatisfy(allowedScalar) else { throw fail }
            return value
        }
    }

    /// The most channels an input (and slices a kernel) may have in a lab.
    public static let maxChannels = 64

    /// How many channels a SPEC names: one more than its `|` separators.
    public static func channelCount(_ value: String) -> Int {
        value.reduce(1) { $0 + ($1 == "|" ? 1 : 0) }
    }

    /// An input or kernel SPEC's problem, or nil: a preset, `digit:N`/`mnist:N` (inputs only),
    /// or an inline matrix `"1 2; 3 4"`; several of them separated by `|` are channels.
    static func specProblem(_ value: String, presets: [String], allowsSampleSets: Bool) -> String? {
        if value.contains("|") {
            let parts = value.split(separator: "|", omittingEmptySubsequences: false)
            guard parts.count <= maxChannels else { return "\(parts.count) channels, over the limit of \(maxChannels)" }
            for (index, part) in parts.enumerated() {
                let spec = part.trimmingCharacters(in: .whitespaces)
                if let problem = specProblem(spec, presets: presets, allowsSampleSets: allowsSampleSets) {
                    return "channel \(index + 1): \(spec.isEmpty ? "is empty" : problem)"
                }
            }
            return nil
        }
        if presets.contains(value.lowercased()) { return nil }
        if allowsSampleSets, let colon = value.firstIndex(of: ":") {
            let set = value[..<colon].lowercased()
            let n = Int(value[value.index(after: colon)...])
            if set == "digit" || set == "mnist" {
                return n.map { (0...9).contains($0) ? nil : "the class must be 0 to 9" } ?? "expected \(set):N with N from 0 to 9"
            }
        }
        if value.contains(" ") || value.contains(";") || value.contains(",") || Double(value) != nil {
            let rows = value.split(separator: ";", omittingEmptySubsequences: false)
                .map { $0.split(whereSeparator: { $0 == " " || $0 == "," }) }
            guard rows.allSatisfy({ !$0.isEmpty }) else { return "an inline matrix has an empty row" }
            guard rows.allSatisfy({ $0.allSatisfy { Double($0)?.isFinite == true } }) else { return "an inline matrix holds only numbers" }
            guard Set(rows.map(\.count)).count == 1 else { return "the rows of an inline matrix differ in length" }
            return nil
        }
        let sets = allowsSampleSets ? ", digit:N, mnist:N" : ""
        return "expected one of \(presets.joined(separator: ", "))\(sets) or a quoted matrix"
    }

    private static func format(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(x)
    }
}

/// The settings of one lab as given and checked (canonical values), read by typed name; a
/// setting not given reads as the schema's default.
public struct LabSettingValues: Sendable, Hashable {
    public let kind: LabKind
    /// The settings given, checked.
    public internal(set) var given: [LabSetting.Name: String] = [:]

    init(kind: LabKind) { self.kind = kind }

    /// The value given, else the default (nil when neither).
    public subscript(name: LabSetting.Name) -> String? {
        given[name] ?? kind.setting(name)?.defaultValue
    }

    public func integer(_ name: LabSetting.Name) -> Int? { self[name].flatMap { Int($0) } }
    public func number(_ name: LabSetting.Name) -> Double? { self[name].flatMap { Double($0) } }
    public func flag(_ name: LabSetting.Name) -> Bool { self[name] == "on" }
    /// Whether the setting was written (rather than defaulted).
    public func isGiven(_ name: LabSetting.Name) -> Bool { given[name] != nil }
}

/// A setting a lab could not use, phrased for the learner: `stride=0: stride is a whole number
/// from 1 to 4`.
public struct LabSettingError: Error, Hashable, Sendable, CustomStringConvertible {
    public var key: String
    public var value: String
    public var reason: String

    public init(key: String, value: String, reason: String) {
        (self.key, self.value, self.reason) = (key, value, reason)
    }

    public var description: String { "\(key)=\(value): \(reason)" }
}

extension LabKind {
    /// `value` brought into the range of the whole-number setting `name` (the screens' `+` and
    /// `-` stop at the ends the schema allows).
    public func clamp(_ name: LabSetting.Name, _ value: Int) -> Int {
        guard case .integer(let range)? = setting(name)?.type else { return value }
        return min(range.upperBound, max(range.lowerBound, value))
    }

    /// `value` brought into the range of the number setting `name`.
    public func clamp(_ name: LabSetting.Name, _ value: Double) -> Double {
        guard case .number(let range, _)? = setting(name)?.type else { return value }
        return min(range.upperBound, max(range.lowerBound, value))
    }

    /// The lab's settings as help lines: `stride  1-4 (1)  how far the window moves each step`.
    public var helpLines: [String] {
        let width = settings.map(\.name.rawValue.count).max() ?? 0
        return settings.map { s in
            let name = s.name.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
            let fallback = s.defaultValue.map { " (default \($0))" } ?? ""
            return "\(name)  \(s.help); \(s.allowed)\(fallback)"
        }
    }
}
