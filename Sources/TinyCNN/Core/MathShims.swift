import Foundation

// Elementary functions in one place, so the layers read the same on Linux and macOS.
@inline(__always) func _log(_ x: Double) -> Double { Foundation.log(x) }
@inline(__always) func _cos(_ x: Double) -> Double { Foundation.cos(x) }
@inline(__always) func _expf(_ x: Float) -> Float { Foundation.expf(x) }
@inline(__always) func _logf(_ x: Float) -> Float { Foundation.logf(x) }
@inline(__always) func _tanhf(_ x: Float) -> Float { Foundation.tanhf(x) }
