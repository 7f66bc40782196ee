extension UnsafeBufferPointer {
    /// The first element's address; the buffer must not be empty (layers never pass empty ones).
    @inline(__always) var start: UnsafePointer<Element> {
        guard let base = baseAddress else { preconditionFailure("Unexpected empty tensor buffer") }
        return base
    }
}

extension UnsafeMutableBufferPointer {
    /// The first element's address; the buffer must not be empty (layers never pass empty ones).
    @inline(__always) var start: UnsafeMutablePointer<Element> {
        guard let base = baseAddress else { preconditionFailure("Unexpected empty tensor buffer") }
        return base
    }
}
