/// The rectified linear unit, `max(0, x)`, element-wise on any shape.
///
/// Backward passes the gradient where the output is positive (the subgradient at 0 is 0, as in
/// PyTorch).
public typealias ReLU = Activation<Rectifier>

/// `max(0, x)` and its derivative (see `ReLU`).
public enum Rectifier: ElementwiseFunction {
    public static let name = "relu"

    @inline(__always)
    public static func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int) {
        // A plain loop the compiler vectorises into packed max instructions.
        for i in 0..<count { y[i] = x[i] > 0 ? x[i] : 0 }
    }

    @inline(__always)
    public static func backward(_ g: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ d: UnsafeMutablePointer<Float>, _ count: Int) {
        let zero = SIMD8<Float>()
        var i = 0
        while i + 8 <= count {
            store8(load8(g + i).replacing(with: zero, where: load8(y + i) .<= zero), d + i)
            i += 8
        }
        while i < count { d[i] = y[i] > 0 ? g[i] : 0; i += 1 }
    }
}
