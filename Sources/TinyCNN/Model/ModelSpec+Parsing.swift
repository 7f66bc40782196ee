extension ModelSpec {
    /// Parses a spec such as `"conv 8 3 pad 1, relu, maxpool 2, flatten, dense 10"`
    /// (case-insensitive; `×` may stand for `x`).
    public init(parsing text: String) throws(ModelSpecError) {
        var items = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "," || $0 == "\n" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
        // A trailing comma or new line is harmless; an empty item in the middle is a typo.
        while items.last?.isEmpty == true { items.removeLast() }
        var layers: [LayerSpec] = []
        for (offset, item) in items.enumerated() {
            if item.isEmpty {
                throw ModelSpecError(item: offset + 1, text: item, reason: "empty layer (two commas in a row?)")
            }
            layers.append(try ModelSpec.parseItem(item, number: offset + 1))
        }
        if layers.isEmpty { throw ModelSpecError(item: nil, text: text, reason: "the model spec has no layers") }
        self.init(layers: layers)
    }

    /// The keywords a spec understands, for error messages and help.
    public static let keywords = ["conv", "pool", "maxpool", "avgpool", "relu", "leakyrelu", "sigmoid", "tanh",
                                  "flatten", "dense", "dropout", "batchnorm"]

    private static func parseItem(_ item: String, number: Int) throws(ModelSpecError) -> LayerSpec {
        let tokens = item.lowercased().replacingOccurrences(of: "×", with: "x")
            .split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        var reader = TokenReader(tokens: Array(tokens.dropFirst()), item: item, number: number)
        let keyword = tokens.first ?? ""
        let spec: LayerSpec
        switch keyword {
        case "conv", "conv2d":
            let filters = try reader.positive("the number of filters")
            let (kh, kw) = try reader.kernel()
            let options = try reader.options(allowed: ["stride", "pad", "padding", "dilation"])
            spec = .conv(filters: filters, kernelHeight: kh, kernelWidth: kw, stride: options["stride"] ?? 1,
                         padding: options["pad"] ?? options["padding"] ?? 0, dilation: options["dilation"] ?? 1)
        case "pool", "maxpool", "avgpool":
            let kernel = try reader.positive("the pooling window size")
            let options = try reader.options(allowed: ["stride", "pad", "padding"])
            let stride = options["stride"] ?? kernel
            let padding = options["pad"] ?? options["padding"] ?? 0
            if padding > kernel / 2 {
                throw ModelSpecError(item: number, text: item, reason: "padding \(padding) is more than half the window (\(kernel))")
            }
            spec = keyword == "avgpool" ? .avgPool(kernel: kernel, stride: stride, padding: padding)
                                        : .maxPool(kernel: kernel, stride: stride, padding: padding)
        case "relu": spec = .relu
        case "sigmoid": spec = .sigmoid
        case "tanh": spec = .tanh
        case "flatten": spec = .flatten
        case "batchnorm", "bn": spec = .batchNorm
        case "leakyrelu":
            let slope = try reader.optionalFraction("the slope", default: 0.01)
            spec = .leakyReLU(slope: slope)
        case "dense", "linear":
            spec = .dense(units: try reader.positive("the number of units"))
        case "dropout":
            guard reader.hasMore else {
                throw ModelSpecError(item: number, text: item, reason: "dropout needs a rate, e.g. 'dropout 0.5'")
            }
            spec = .dropout(rate: try reader.optionalFraction("the dropout rate", default: 0.5))
        default:
            throw ModelSpecError(item: number, text: item,
                                 reason: "unknown layer '\(keyword)' (expected one of: \(keywords.joined(separator: ", ")))")
        }
        try reader.finish()
        return spec
    }
}

/// Reads the numbers after a layer keyword, with errors naming the item.
private struct TokenReader {
    var tokens: [String]
    let item: String
    let number: Int
    var position = 0

    var hasMore: Bool { position < tokens.count }

    func fail(_ reason: String) -> ModelSpecError {
        ModelSpecError(item: number, text: item, reason: reason)
    }

    mutating func next(_ what: String) throws(ModelSpecError) -> String {
        guard position < tokens.count else { throw fail("missing \(what)") }
        defer { position += 1 }
        return tokens[position]
    }

    mutating func positive(_ what: String) throws(ModelSpecError) -> Int {
        let token = try next(what)
        guard let value = Int(token) else { throw fail("'\(token)' is not a whole number (\(what))") }
        guard value > 0 else { throw fail("\(what) must be at least 1, got \(value)") }
        return value
    }

    mutating func kernel() throws(ModelSpecError) -> (Int, Int) {
        let token = try next("the kernel size")
        let parts = token.split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count <= 2, let h = Int(parts[0]), let w = Int(parts.count == 2 ? parts[1] : parts[0]) else {
            throw fail("'\(token)' is not a kernel size (write 3 or 3x5)")
        }
        guard h > 0 && w > 0 else { throw fail("the kernel size must be at least 1, got \(token)") }
        return (h, w)
    }

    mutating func optionalFraction(_ what: String, default value: Float) throws(ModelSpecError) -> Float {
        guard hasMore else { return value }
        let token = try next(what)
        guard let parsed = Float(token), parsed.isFinite else { throw fail("'\(token)' is not a number (\(what))") }
        guard parsed >= 0 && parsed < 1 else { throw fail("\(what) must be in [0, 1), got \(token)") }
        return parsed
    }

    /// `stride 2 pad 1 …` → `["stride": 2, "pad": 1]`; stride and dilation at least 1, padding at least 0.
    mutating func options(allowed: Set<String>) throws(ModelSpecError) -> [String: Int] {
        var result: [String: Int] = [:]
        while hasMore {
            let name = try next("an option")
            guard allowed.contains(name) else {
                throw fail("unknown option '\(name)' (expected \(allowed.sorted().joined(separator: ", ")))")
            }
            let token = try next("a value for \(name)")
            guard let value = Int(token) else { throw fail("'\(token)' is not a whole number (\(name))") }
            let minimum = name.hasPrefix("pad") ? 0 : 1
            guard value >= minimum else { throw fail("\(name) must be at least \(minimum), got \(value)") }
            guard result[name] == nil else { throw fail("\(name) is given twice") }
            result[name] = value
        }
        return result
    }

    func finish() throws(ModelSpecError) {
        if hasMore { throw fail("unexpected '\(tokens[position])'") }
    }
}

import Foundation
