/// The logistic function `1 / (1 + e^−x)`, element-wise; derivative `y·(1 − y)`.
public typealias Sigmoid = Activation<Logistic>

/// `1 / (1 + e^−x)` and its derivative (see `Sigmoid`).
public enum Logistic: ElementwiseFunction {
    public static let name = "sigmoid"

    @inline(__always)
    public static func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int) {
        for i in 0..<count {
            // Both branches only exponentiate a non-positive number: no overflow.
            let v = x[i]
            if v >= 0 {
                y[i] = 1 / (1 + _expf(-v))
            } else {
                let e = _expf(v)
                y[i] = e / (1 + e)
            }
        }
    }

    @inline(__always)
    public static func backward(_ g: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ d: UnsafeMutablePointer<Float>, _ count: Int) {
        for i in 0..<count { d[i] = g[i] * y[i] * (1 - y[i]) }
    }
}
