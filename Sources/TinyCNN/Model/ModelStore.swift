import Foundation

/// What a saved demo network is: its data set, when it was trained, how it scored, and where
/// it came from. Read from and written to a model file's metadata.
public struct NetworkInfo: Sendable, Equatable {
    /// `digits` or `mnist`.
    public var dataset: String
    public var trainedAt: Date?
    public var testAccuracy: Double?
    /// `demo` (trained in the background with the defaults), `live` (the training screen) or
    /// `train` (`tutor train --save`).
    public var origin: String
    /// The model's name in the store (its file name without `.json`), once saved there.
    public var name: String?

    public init(dataset: String, trainedAt: Date?, testAccuracy: Double?, origin: String, name: String? = nil) {
        self.dataset = dataset
        self.trainedAt = trainedAt
        self.testAccuracy = testAccuracy
        self.origin = origin
        self.name = name
    }

    /// The metadata a model file records for this network.
    public var metadata: [String: String] {
        var m = ["dataset": dataset, "origin": origin]
        if let trainedAt { m["trainedAt"] = ModelStore.isoText(trainedAt) }
        if let testAccuracy { m["testAccuracy"] = String(format: "%.4f", testAccuracy) }
        return m
    }

    /// The info a model file's metadata gives (missing fields stay nil; the data set falls back
    /// to the architecture's).
    public init(metadata: [String: String]?, architecture: DemoArchitecture, name: String?) {
        let m = metadata ?? [:]
        dataset = m["dataset"].map { $0 == "digits" ? "digits" : "mnist" } ?? (architecture.side == 8 ? "digits" : "mnist")
        trainedAt = m["trainedAt"].flatMap { ModelStore.isoDate($0) }
        testAccuracy = m["testAccuracy"].flatMap(Double.init).flatMap { $0.isFinite && $0 >= 0 && $0 <= 1 ? $0 : nil }
        origin = m["origin"] ?? "saved"
        self.name = name
    }
}

/// The tutor's saved networks: `models/` under the state directory (`$TUTOR_HOME`, …).
///
/// A learner's saves get a name that says what they are, `digits-98.1pct-20261203-182501`
/// (data set, test accuracy, UTC time), and never replace an existing file: a second save in
/// the same second becomes `…-2`. The background demo networks live here too, as
/// `demo-digits` and `demo-mnist`, so every screen that needs a trained network has one after
/// the first start.
public struct ModelStore: Sendable {
    /// `<state directory>/models`.
    public let directory: URL

    public init(stateDirectory: URL) {
        directory = stateDirectory.appendingPathComponent("models", isDirectory: true)
    }

    /// The name of the background demo network for `dataset` (`digits` or `mnist`).
    public static func demoName(_ dataset: String) -> String { "demo-\(dataset)" }

    /// A descriptive name: data set, test accuracy in percent with one decimal, UTC time.
    public static func name(dataset: String, accuracy: Double?, date: Date) -> String {
        var parts = [dataset]
        if let accuracy, accuracy.isFinite {
            let tenths = Int((min(max(accuracy, 0), 1) * 1000).rounded())
            parts.append("\(tenths / 10).\(tenths % 10)pct")
        }
        parts.append(fileStamp(date))
        return parts.joined(separator: "-")
    }

    /// Saves `network` under a new descriptive name and returns the file written. Never
    /// replaces a file: when the name is taken, `-2`, `-3`, … are tried (the check and the
    /// creation are one `O_EXCL` open, so two savers cannot both win).
    public func save(_ network: DemoNetwork, info: NetworkInfo) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let data = try ModelFile(model: network.sequential(), metadata: info.metadata).encoded()
        let base = Self.name(dataset: info.dataset, accuracy: info.testAccuracy, date: info.trainedAt ?? Date())
        for attempt in 1...1000 {
            let url = directory.appendingPathComponent((attempt == 1 ? base : "\(base)-\(attempt)") + ".json")
            if try Self.createExclusively(url, data) { return url }
        }
        throw ModelStoreError.noFreeName(directory: directory.path, base: base)
    }

    /// Writes the demo network for `info.dataset` (replacing an earlier one: it is the tutor's
    /// own file, rebuilt with the same settings and seed).
    @discardableResult
    public func saveDemo(_ network: DemoNetwork, info: NetworkInfo) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(Self.demoName(info.dataset) + ".json")
        try ModelFile(model: network.sequential(), metadata: info.metadata).encoded().write(to: url, options: .atomic)
        return url
    }

    /// The file a name stands for: `NAME` or `NAME.json` in the store. Nil when there is none
    /// or the name is not a plain file name (no `/`, no leading `.`).
    public func url(named name: String) -> URL? {
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix("."), name.utf8.count <= 255 else { return nil }
        for candidate in [name, name + ".json"] {
            let url = directory.appendingPathComponent(candidate)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue { return url }
        }
        return nil
    }

    /// The names in the store, sorted.
    public func names() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Loads a stored demo network and what its file says about it.
    public func load(named name: String) throws -> (DemoNetwork, NetworkInfo) {
        guard let url = url(named: name) else { throw ModelStoreError.notFound(name: name, directory: directory.path) }
        return try Self.load(url, name: name)
    }

    /// Loads a demo network from any model file, with its info.
    public static func load(_ url: URL, name: String?) throws -> (DemoNetwork, NetworkInfo) {
        let file = try ModelFile.read(from: url)
        let model = try Sequential(file: file, path: url.path)
        guard let network = DemoNetwork(sequential: model) else {
            throw ModelFileError.architectureMismatch(path: url.path, expected: "a demo net (\(DemoArchitecture.digits.modelSpec))",
                                                      found: "\(model.spec) for \(formatShape(model.inputShape))")
        }
        return (network, NetworkInfo(metadata: file.metadata, architecture: network.architecture, name: name))
    }

    /// Creates `url` only if nothing is there; false when something is.
    private static func createExclusively(_ url: URL, _ data: Data) throws -> Bool {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        if fd < 0 {
            if errno == EEXIST { return false }
            throw ModelStoreError.cannotWrite(path: url.path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        let written = data.withUnsafeBytes { raw -> Int in
            guard let base = raw.baseAddress else { return 0 }
            var done = 0
            while done < raw.count {
                let n = write(fd, base + done, raw.count - done)
                if n <= 0 { return -1 }
                done += n
            }
            return done
        }
        guard written == data.count else {
            let reason = String(cString: strerror(errno))
            unlink(url.path)
            throw ModelStoreError.cannotWrite(path: url.path, reason: reason)
        }
        return true
    }

    /// ISO 8601 in UTC, as model files record times (a new formatter each time: they are not
    /// Sendable, and this runs once per save or load).
    static func isoText(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    static func isoDate(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }

    /// `yyyyMMdd-HHmmss` in UTC.
    static func fileStamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var t = tm()
        gmtime_r(&seconds, &t)
        return String(format: "%04d%02d%02d-%02d%02d%02d", Int(t.tm_year) + 1900, Int(t.tm_mon) + 1, Int(t.tm_mday),
                      Int(t.tm_hour), Int(t.tm_min), Int(t.tm_sec))
    }
}

/// Why the model store could not save or find a network.
public enum ModelStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(name: String, directory: String)
    case cannotWrite(path: String, reason: String)
    case noFreeName(directory: String, base: String)

    public var description: String {
        switch self {
        case let .notFound(name, directory): return "no saved model named '\(name)' in \(directory)"
        case let .cannotWrite(path, reason): return "\(path): cannot write the model file (\(reason))"
        case let .noFreeName(directory, base): return "\(directory): 1000 models named \(base)-… already; remove some"
        }
    }
}
