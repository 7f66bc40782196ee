import Foundation
import TinyCNN

/// Central-difference gradient checks for layers, in the style of llm.c's `test_gpt2.c`.
///
/// The layer's output is reduced to a scalar `L = Σ r ⊙ y` with a fixed random `r`, summed in
/// Double. Each input and parameter element is nudged by ±`step` (in Float, and the difference
/// actually applied is what divides), and `(L⁺ − L⁻) / (x⁺ − x⁻)` is compared with what
/// `backward` returned.
enum GradientCheck {
    /// Allowed `|analytic − numeric| / max(1, |numeric|)`. Float forward passes and a step of
    /// 1e-2 leave errors around 1e-4; a wrong gradient is off by O(1).
    static let tolerance = 2e-3
    static let step: Float = 1e-2

    /// The worst disagreement found, and where.
    struct Report: CustomStringConvertible {
        var worst = 0.0
        var location = "nothing checked"
        var checked = 0

        mutating func record(_ analytic: Float, _ numeric: Double, _ location: @autoclosure () -> String) {
            checked += 1
            let error = abs(Double(analytic) - numeric) / max(1, abs(numeric))
            if checked == 1 || error > worst {
                worst = error
                self.location = "\(location()): analytic \(analytic), numeric \(numeric)"
            }
        }

        var passed: Bool { worst <= GradientCheck.tolerance }
        var description: String { "worst error \(worst) (tolerance \(GradientCheck.tolerance)) at \(location), \(checked) values checked" }
    }

    /// Checks the input gradient and every parameter gradient of `layer` at `input`.
    /// `beforeForward` runs before every forward pass (e.g. to reseed dropout).
    /// Records, for each element `indices` of `input`, the analytic gradient against the central
    /// difference of `f` with that element nudged by ±`step`.
    static func compare(_ analytic: Tensor, input: Tensor, at indices: some Sequence<Int>, into report: inout Report, _ name: String,
                        _ f: (Tensor) -> Double) {
        var x = input
        for i in indices {
            let original = x.storage[i]
            let up = original + step, down = original - step
            x.storage[i] = up
            let fUp = f(x)
            x.storage[i] = down
            let fDown = f(x)
            x.storage[i] = original
            report.record(analytic.storage[i], (fUp - fDown) / (Double(up) - Double(down)), "\(name)[\(i)]")
        }
    }

    static func check(_ layer: any Layer, input: Tensor, training: Bool = true, seed: UInt64 = 7,
                      beforeForward: () -> Void = {}) -> Report {
        var generator = SeededGenerator(seed: seed)
        beforeForward()
        let output = layer.forward(input, training: training)
        var r = Tensor(shape: output.shape)
        for i in 0..<r.count { r.storage[i] = Float(generator.nextUnitDouble() * 2 - 1) }
        for p in layer.parameters { p.zeroGradient() }
        let inputGradient = layer.backward(r, inputGradient: true)
        let parameterGradients = layer.parameters.map(\.grad)

        func loss(_ x: Tensor) -> Double {
            beforeForward()
            let y = layer.forward(x, training: training)
            var total = 0.0
            for i in 0..<y.count { total += Double(y.storage[i]) * Double(r.storage[i]) }
            return total
        }

        var report = Report()
        compare(inputGradient, input: input, at: 0..<input.count, into: &report, "input", loss)
        for (p, grad) in zip(layer.parameters, parameterGradients) {
            for j in 0..<p.count {
                let original = p.value.storage[j]
                let up = original + step, down = original - step
                p.value.storage[j] = up
                let lossUp = loss(input)
                p.value.storage[j] = down
                let lossDown = loss(input)
                p.value.storage[j] = original
                report.record(grad.storage[j], (lossUp - lossDown) / (Double(up) - Double(down)), "\(p.name)[\(j)]")
            }
        }
        return report
    }

    /// A tensor of `shape` whose values are distinct and at least 0.1 apart (a shuffled
    /// ladder), so that no nudge of ±`step` changes which element wins a max or crosses a kink.
    static func separated(_ shape: [Int], seed: UInt64, offset: Float = 0.05) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        let count = shape.reduce(1, *)
        var values = (0..<count).map { Float($0 - count / 2) * 0.1 + offset }
        values.shuffle(using: &generator)
        return Tensor(shape: shape, storage: values)
    }

    /// Uniform values in [−1, 1).
    static func random(_ shape: [Int], seed: UInt64) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        var t = Tensor(shape: shape)
        for i in 0..<t.count { t.storage[i] = Float(generator.nextUnitDouble() * 2 - 1) }
        return t
    }

    /// Fills every parameter of `layer` with uniform values in [−0.5, 0.5).
    static func randomizeParameters(_ layer: any Layer, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        for p in layer.parameters {
            for j in 0..<p.count { p.value.storage[j] = Float(generator.nextUnitDouble() - 0.5) }
        }
    }
}
