/// The named 3×3 kernels a learner can try without typing numbers.
public enum KernelPreset: String, CaseIterable, Sendable {
    case identity
    case boxBlur = "box-blur"
    case gaussian
    case sharpen
    case sobelX = "sobel-x"
    case sobelY = "sobel-y"
    case laplacian
    case edgeH = "edge-h"
    case edgeV = "edge-v"

    /// The kernel's numbers.
    public var matrix: Matrix {
        switch self {
        case .identity: return Matrix([[0, 0, 0], [0, 1, 0], [0, 0, 0]])
        case .boxBlur: return Matrix(rows: 3, columns: 3, repeating: 1 / 9)
        case .gaussian: return Matrix([[1, 2, 1], [2, 4, 2], [1, 2, 1]].map { $0.map { $0 / 16 } })
        case .sharpen: return Matrix([[0, -1, 0], [-1, 5, -1], [0, -1, 0]])
        case .sobelX: return Matrix([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
        case .sobelY: return Matrix([[-1, -2, -1], [0, 0, 0], [1, 2, 1]])
        case .laplacian: return Matrix([[0, 1, 0], [1, -4, 1], [0, 1, 0]])
        case .edgeH: return Matrix([[-1, -1, -1], [0, 0, 0], [1, 1, 1]])
        case .edgeV: return Matrix([[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]])
        }
    }

    /// One line on what the kernel does, for help text and the lab.
    public var explanation: String {
        switch self {
        case .identity: return "copies the input unchanged"
        case .boxBlur: return "averages each 3×3 neighbourhood (blur)"
        case .gaussian: return "a weighted average favouring the centre (smooth blur)"
        case .sharpen: return "boosts the centre against its neighbours (sharpen)"
        case .sobelX: return "responds to left-to-right brightness changes (vertical edges)"
        case .sobelY: return "responds to top-to-bottom brightness changes (horizontal edges)"
        case .laplacian: return "responds where a pixel differs from its neighbours (edges, spots)"
        case .edgeH: return "responds to horizontal edges (dark above, bright below)"
        case .edgeV: return "responds to vertical edges (dark left, bright right)"
        }
    }
}
