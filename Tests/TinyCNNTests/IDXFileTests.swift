import Foundation
import Testing
import TinyCNN

@Suite struct IDXFileTests {
    @Test func bundledHeaders() throws {
        let data = MatrixTests.dataDirectory
        let cases: [(String, [Int])] = [
            ("digits-train-images.idx3-ubyte", [1437, 8, 8]), ("digits-train-labels.idx1-ubyte", [1437]),
            ("digits-test-images.idx3-ubyte", [360, 8, 8]), ("digits-test-labels.idx1-ubyte", [360]),
            ("mnist5k-train-images.idx3-ubyte", [4000, 28, 28]), ("mnist5k-test-labels.idx1-ubyte", [1000]),
        ]
        for (name, dims) in cases {
            let file = try IDXFile(contentsOf: data.appendingPathComponent(name))
            #expect(file.dimensions == dims, "\(name)")
        }
        let labels = try IDXFile(contentsOf: data.appendingPathComponent("digits-test-labels.idx1-ubyte"))
        #expect(labels.bytes.allSatisfy { $0 <= 9 })
        let images = try IDXFile(contentsOf: data.appendingPathComponent("digits-test-images.idx3-ubyte"))
        #expect(images.bytes.allSatisfy { $0 <= 16 } && images.item(0).count == 64)
    }

    @Test func handMadeFile() throws {
        let bytes: [UInt8] = [0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6]
        let file = try IDXFile(data: Data(bytes), name: "t.idx")
        #expect(file.dimensions == [2, 3] && Array(file.item(1)) == [4, 5, 6])
    }

    @Test func brokenFilesNameTheFile() {
        let header: [UInt8] = [0, 0, 8, 1, 0, 0, 0, 4]
        #expect(throws: IDXError.truncated(path: "x.idx", expectedBytes: 12, foundBytes: 10)) {
            try IDXFile(data: Data(header + [1, 2]), name: "x.idx")
        }
        #expect(throws: IDXError.truncated(path: "x.idx", expectedBytes: 8, foundBytes: 6)) {
            try IDXFile(data: Data(header.prefix(6)), name: "x.idx")
        }
        #expect(throws: IDXError.badMagic(path: "x.idx", found: "1f8b0800")) {
            try IDXFile(data: Data([0x1f, 0x8b, 8, 0, 0, 0]), name: "x.idx")
        }
        #expect(throws: IDXError.unsupportedType(path: "x.idx", typeCode: 0x0d)) {
            try IDXFile(data: Data([0, 0, 0x0d, 1, 0, 0, 0, 0]), name: "x.idx")
        }
        #expect(throws: IDXError.trailingBytes(path: "x.idx", expectedBytes: 12, foundBytes: 13)) {
            try IDXFile(data: Data(header + [1, 2, 3, 4, 5]), name: "x.idx")
        }
        #expect(IDXError.truncated(path: "x.idx", expectedBytes: 12, foundBytes: 10).description
                == "x.idx: truncated IDX file (10 bytes, the header promises 12)")
        #expect(throws: IDXError.unreadable(path: "/nonexistent/a.idx", reason: "no such file")) {
            try IDXFile(contentsOf: URL(fileURLWithPath: "/nonexistent/a.idx"))
        }
    }
}
