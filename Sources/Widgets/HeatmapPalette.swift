import Canvas

/// How values become colours and characters in a heatmap.
///
/// `diverging` is for signed values (weights, gradients, saliency): zero is neutral, negatives
/// blue, positives red, the range symmetric around zero. `sequential` is for values with a
/// natural low end (pixels, activations, probabilities): dark to light.
public enum HeatmapPalette: Hashable, Sendable, CaseIterable {
    case diverging
    case sequential

    /// The ten characters of the ASCII ramp, lightest ink first (`tutor convolve`'s ramp).
    public static let asciiRamp: [Character] = GridText.ramp

    /// The range a palette draws `values` over when none is given: the data's min...max for
    /// sequential, ±max|v| for diverging (so zero always sits in the middle).
    public func autoRange(of values: [Float]) -> ClosedRange<Float> {
        var lo = Float.infinity, hi = -Float.infinity
        for v in values where v.isFinite {
            lo = min(lo, v)
            hi = max(hi, v)
        }
        guard lo <= hi else { return 0...1 }
        switch self {
        case .sequential:
            return lo < hi ? lo...hi : lo...(lo + 1)
        case .diverging:
            let m = max(abs(lo), abs(hi))
            return m > 0 ? -m...m : -1...1
        }
    }

    /// Where `value` sits in `range`: 0...1 for sequential, -1...1 for diverging. Non-finite
    /// values map to the neutral end, values outside the range are clamped.
    public func position(of value: Float, in range: ClosedRange<Float>) -> Float {
        guard value.isFinite else { return 0 }
        switch self {
        case .sequential:
            // In Double: the span of a range near ±3.4e38 overflows Float.
            let span = Double(range.upperBound) - Double(range.lowerBound)
            guard span > 0, span.isFinite else { return 0 }
            return Float(min(1, max(0, (Double(value) - Double(range.lowerBound)) / span)))
        case .diverging:
            let m = max(abs(range.lowerBound), abs(range.upperBound))
            guard m > 0 else { return 0 }
            return min(1, max(-1, value / m))
        }
    }

    /// The ramp character for a value (diverging values by their magnitude).
    public func rampCharacter(for value: Float, in range: ClosedRange<Float>) -> Character {
        let t = abs(position(of: value, in: range))
        let i = Int((t * Float(Self.asciiRamp.count - 1)).rounded())
        return Self.asciiRamp[min(Self.asciiRamp.count - 1, max(0, i))]
    }

    /// The colour for a value at `level`; `.default` at `.none` (callers then draw characters).
    public func color(for value: Float, in range: ClosedRange<Float>, level: ColorLevel) -> Color {
        let t = position(of: value, in: range)
        switch (self, level) {
        case (_, .none):
            return .default
        case (.sequential, .indexed256):
            return .grey(Int((t * 23).rounded()))
        case (.sequential, .basic16):
            let steps: [Color] = [.black, .brightBlack, .white, .brightWhite]
            return steps[min(3, Int(t * 4))]
        case (.diverging, .indexed256):
            let k = Int((abs(t) * 5).rounded())
            if k == 0 { return .grey(3) }
            return t < 0 ? Self.negative256[k - 1] : Self.positive256[k - 1]
        case (.diverging, .basic16):
            let a = abs(t)
            if a < 1 / 6 { return .black }
            if a < 0.55 { return t < 0 ? .blue : .red }
            return t < 0 ? .brightBlue : .brightRed
        }
    }

    /// A foreground that stays readable on `background` (for numbers and marks drawn on cells).
    public static func contrasting(on background: Color) -> Color {
        switch background {
        case .default: return .default
        case .basic(let n): return [0, 1, 4, 5, 8].contains(n) ? .brightWhite : .black
        case .indexed(let n):
            if n >= 232 { return n >= 244 ? .black : .brightWhite }
            let (r, g, b) = Color.rgbComponents(ofIndexed: n)
            return (299 * r + 587 * g + 114 * b) / 1000 > 140 ? .black : .brightWhite
        }
    }

    // Dark-to-bright blues and reds of the 6×6×6 cube: magnitude reads as brightness on a dark
    // terminal, sign as hue.
    private static let negative256: [Color] = [.cube(0, 0, 2), .cube(0, 1, 3), .cube(0, 2, 4), .cube(1, 3, 5), .cube(2, 4, 5)]
    private static let positive256: [Color] = [.cube(2, 0, 0), .cube(3, 1, 0), .cube(4, 2, 0), .cube(5, 3, 1), .cube(5, 4, 2)]
}

extension Color {
    /// The RGB components (0-255) of an indexed colour, for contrast decisions.
    static func rgbComponents(ofIndexed n: UInt8) -> (Int, Int, Int) {
        if n >= 232 { let v = 8 + 10 * Int(n - 232); return (v, v, v) }
        if n < 16 {
            let table: [(Int, Int, Int)] = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
                                            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255)]
            return table[Int(n)]
        }
        let i = Int(n) - 16
        let steps = [0, 95, 135, 175, 215, 255]
        return (steps[i / 36], steps[(i / 6) % 6], steps[i % 6])
    }
}
