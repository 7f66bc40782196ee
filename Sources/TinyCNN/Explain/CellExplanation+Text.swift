import Foundation

extension CellExplanation {
    /// The computation as plain lines, for `tutor explain` and the network view's panel:
    ///
    ///     conv2 map 5 at row 1, column 0 = 1.2468
    ///     Σ over the 8 maps of pool1 of (3×3 window × 3×3 slice), + bias, then ReLU
    ///     map 0   window             slice                   products             partial
    ///              0.0000  0.0000 …   0.1234 -0.2345 …        0.0000 …           0.1234
    ///     …
    ///     Σ partials 1.2345 + bias 0.0123 = 1.2468;  ReLU: max(0, 1.2468) = 1.2468
    public func lines() -> [String] {
        switch self {
        case .pixel(let value):
            return ["an input pixel: \(Self.number(value)) (nothing computed: the image itself)"]
        case .flattened(let source, let value):
            return ["a copy of map \(source.channel) at row \(source.row), column \(source.column) of the layer below: \(Self.number(value))",
                    "(flatten lays the maps out one after another, channel by channel, row by row)"]
        case .convolution(let c): return Self.lines(c)
        case .pooling(let p): return Self.lines(p)
        case .dense(let d): return Self.lines(d)
        case .output(let o): return Self.lines(o)
        }
    }

    /// A value as the explanations write it: 4 decimals, `nan`/`inf` spelled out.
    public static func text(_ v: Float) -> String { number(v) }

    /// `1.2345`, `-0.0012`; `nan`/`inf` spelled out.
    static func number(_ v: Float, decimals: Int = 4) -> String {
        number(Double(v), decimals: decimals)
    }

    static func number(_ v: Double, decimals: Int = 4) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        if abs(v) >= 1e6 { return String(format: "%.4g", v) }
        let text = String(format: "%.\(decimals)f", v)
        // -0.0000 reads as a sign error to a learner.
        return text.allSatisfy { "-0.".contains($0) } ? String(text.drop { $0 == "-" }) : text
    }

    private static func pad(_ s: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - s.count)) + s
    }

    private static func left(_ s: String, _ width: Int) -> String {
        s + String(repeating: " ", count: max(0, width - s.count))
    }

    private static func row(_ m: Matrix, _ r: Int) -> String {
        (0..<m.columns).map { pad(number(m[r, $0]), 8) }.joined()
    }

    private static func lines(_ c: ConvolutionCellExplanation) -> [String] {
        let k = c.slices.first.map { "\($0.rows)×\($0.columns)" } ?? "?"
        let maps = c.inputs.count == 1 ? "the \(c.inputName) map" : "the \(c.inputs.count) maps of \(c.inputName)"
        var out = ["\(c.layerName) map \(c.cell.channel) at row \(c.cell.row), column \(c.cell.column) = \(number(c.preActivation))"
                   + (c.isReLU ? ", after ReLU \(number(c.activated))" : ""),
                   "Σ over \(maps) of (\(k) window × \(k) slice) + bias, padding \(c.padding), stride \(c.stride); then ReLU",
                   "map" + left("  window", 28) + left("  slice", 28) + left("  products", 24) + "     partial"]
        for i in c.slices.indices {
            for r in 0..<c.slices[i].rows {
                let label = r == 0 ? pad("\(i)", 3) : "   "
                let partial = r == c.slices[i].rows / 2 ? "  →" + pad(number(c.partials[i]), 10) : ""
                out.append(label + row(c.patches[i], r) + "  × " + row(c.slices[i], r) + "  = " + row(c.products[i], r) + partial)
            }
        }
        let sum = c.partials.reduce(0, +)
        out.append("Σ partials \(number(sum)) + bias \(number(c.bias)) = \(number(c.preActivation))")
        out.append("ReLU: max(0, \(number(c.preActivation))) = \(number(c.activated))")
        return out
    }

    private static func lines(_ p: PoolingCellExplanation) -> [String] {
        var out = ["\(p.layerName) map \(p.cell.channel) at row \(p.cell.row), column \(p.cell.column) = \(number(p.value))",
                   "the largest of the \(p.kernel)×\(p.kernel) window at rows \(p.cell.row * p.stride)-\(p.cell.row * p.stride + p.kernel - 1), "
                   + "columns \(p.cell.column * p.stride)-\(p.cell.column * p.stride + p.kernel - 1) of \(p.inputName) map \(p.cell.channel):"]
        for r in 0..<p.window.rows {
            out.append("  " + (0..<p.window.columns).map { c in
                let v = pad(number(p.window[r, c]), 8)
                return r == p.maxRow && c == p.maxColumn ? v + "*" : v + " "
            }.joined())
        }
        out.append("max = \(number(p.value)) (marked *)")
        return out
    }

    private static func lines(_ d: DenseUnitExplanation) -> [String] {
        let inputs = d.top.count + d.restCount
        var out = ["\(d.layerName) unit \(d.cell.unit) = \(number(d.total))" + (d.isReLU ? ", after ReLU \(number(d.activated))" : ""),
                   "Σ weight × input over the \(inputs) inputs from \(d.inputName), + bias; largest |weight × input| first:",
                   "  " + pad("input", 22) + pad("value", 10) + pad("weight", 10) + pad("product", 10)]
        for t in d.top {
            out.append("  " + pad(t.source, 22) + pad(number(t.input), 10) + pad(number(t.weight), 10) + pad(number(t.product), 10))
        }
        if d.restCount > 0 {
            out.append("  " + pad("the other \(d.restCount)", 22) + String(repeating: " ", count: 20) + pad(number(d.restSum), 10))
        }
        out.append("  " + pad("bias", 22) + String(repeating: " ", count: 20) + pad(number(d.bias), 10))
        out.append("  " + pad("total", 22) + String(repeating: " ", count: 20) + pad(number(d.total), 10))
        if d.hasReLU { out.append("ReLU: max(0, \(number(d.total))) = \(number(d.activated))") }
        return out
    }

    private static func lines(_ o: OutputExplanation) -> [String] {
        let k = o.classIndex
        var out = lines(o.logit)
        out[0] = "output \(k) (class \(k)): logit \(number(o.logit.total)), probability \(number(o.probability))"
        let e = o.shift == 0 ? "exp(logit)" : "exp(logit − \(number(o.shift)))"
        out.append("softmax: P(class) = \(e) / Σ \(e)")
        out.append("  class" + pad("logit", 10) + pad(e, 18) + pad("P", 10))
        for i in o.logits.indices {
            out.append((i == k ? "> " : "  ") + pad("\(i)", 5) + pad(number(o.logits[i]), 10)
                       + pad(number(o.exponentials[i]), 18) + pad(number(o.probabilities[i]), 10))
        }
        out.append("  " + pad("Σ", 5) + String(repeating: " ", count: 10) + pad(number(o.sum), 18) + pad(number(o.probabilities.reduce(0, +)), 10))
        out.append("P(\(k)) = \(number(o.exponentials[k])) / \(number(o.sum)) = \(number(o.probability))")
        return out
    }
}
