/// The hyperbolic tangent, element-wise; derivative `1 − y²`.
public typealias Tanh = Activation<HyperbolicTangent>

/// `tanh x` and its derivative (see `Tanh`).
public enum HyperbolicTangent: ElementwiseFunction {
    public static let name = "tanh"

    @inline(__always)
    public static func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int) {
        for i in 0..<count { y[i] = _tanhf(x[i]) }
    }

    @inline(__always)
    public static func backward(_ g: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ d: UnsafeMutablePointer<Float>, _ count: Int) {
        for i in 0..<count { d[i] = g[i] * (1 - y[i] * y[i]) }
    }
}
