import Foundation
import Testing
import TestSupport

/// `tutor train`, `tutor eval` and `tutor bench` as a user runs them (stdout is a file here, so
/// the plain, escape-free output is what is checked).
@Suite struct CommandTests {
    static func json(_ line: Substring) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(object as? [String: Any], "not a JSON object: \(line)")
    }

    @Test func trainPrintsOneJSONObjectPerEpochAndAFinalOne() throws {
        let out = try TutorBinary.run(["train", "--epochs", "2", "--json"])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        let first = try Self.json(lines[0]), last = try Self.json(lines[2])
        #expect(first["type"] as? String == "epoch" && first["epoch"] as? Int == 1 && first["epochs"] as? Int == 2)
        #expect((first["samplesPerSecond"] as? Double ?? 0) > 0)
        #expect(last["type"] as? String == "final" && last["outcome"] as? String == "completed")
        let test = try #require(last["test"] as? [String: Any])
        #expect((test["accuracy"] as? Double ?? 0) > 0.85)
        #expect((test["confusion"] as? [[Int]])?.flatMap { $0 }.reduce(0, +) == 360)
        #expect((test["perClass"] as? [[String: Any]])?.count == 10)
    }

    @Test func trainPrintsPlainLinesAndTheReportWhenNotOnATerminal() throws {
        let out = try TutorBinary.run(["train", "--epochs", "1", "--optimizer", "sgd", "--seed", "3"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(!out.stdout.contains("\u{1B}"), "no escape codes when stdout is not a terminal")
        #expect(out.stdout.contains("sgd, lr 0.05"))
        #expect(out.stdout.contains("epoch 1/1  loss "))
        #expect(out.stdout.contains("Confusion matrix (rows: true digit, columns: predicted)"))
        #expect(out.stdout.contains("digit  precision  recall     f1  support"))
    }

    @Test func aSavedModelEvaluatesToTheSameReport() throws {
        let dir = try TemporaryFolder()
        let file = dir.url.appendingPathComponent("model.json").path
        let trained = try TutorBinary.run(["train", "--epochs", "2", "--json", "--save", file])
        #expect(trained.status == 0, "\(trained.stderr)")
        let final = try Self.json(try #require(trained.stdout.split(separator: "\n").last))
        let evaluated = try TutorBinary.run(["eval", "--model", file, "--json"])
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        let report = try Self.json(try #require(evaluated.stdout.split(separator: "\n").first))
        let trainedTest = try #require(final["test"] as? [String: Any])
        #expect(report["accuracy"] as? Double == trainedTest["accuracy"] as? Double)
        #expect(report["misclassified"] as? [Int] == trainedTest["misclassified"] as? [Int])
        let wrongSet = try TutorBinary.run(["eval", "--model", file, "--dataset", "mnist"])
        #expect(wrongSet.status == 1)
        #expect(wrongSet.stderr.hasPrefix("tutor: \(file) takes 8x8 images"))
    }

    @Test func badFlagsExit2AndBadInputExit1WithOneLine() throws {
        for args in [["train", "--lr", "0"], ["train", "--optimizer", "rmsprop"], ["train", "--dataset", "cifar"],
                     ["train", "--epochs", "0"], ["train", "--momentum", "1.5"], ["train", "--schedule", "linear"],
                     ["train", "--dataset", "digits", "--data", "/tmp"]] {
            let out = try TutorBinary.run(args)
            #expect(out.status == 2, "\(args): status \(out.status)")
            #expect(out.stderr.hasPrefix("tutor: ") && out.stderr.split(separator: "\n").count == 1, "\(args): \(out.stderr)")
        }
        let missing = try TutorBinary.run(["eval", "--model", "/nonexistent/model.json"])
        #expect(missing.status == 1 && missing.stderr.hasPrefix("tutor: /nonexistent/model.json"))
        let noData = try TutorBinary.run(["train", "--dataset", "mnist", "--data", "/nonexistent-mnist"])
        #expect(noData.status == 1 && noData.stderr.contains("/nonexistent-mnist"))
        let empty = try TemporaryFolder()
        let noFiles = try TutorBinary.run(["train", "--data", empty.url.path])
        #expect(noFiles.status == 1 && noFiles.stderr.contains("train-images-idx3-ubyte"), "\(noFiles.stderr)")
    }

    @Test func divergenceIsReportedNotCrashed() throws {
        let out = try TutorBinary.run(["train", "--optimizer", "sgd", "--lr", "1000000", "--epochs", "1"])
        #expect(out.status == 1)
        // The failure detector sees the loss explode before it overflows, and says what to try.
        #expect(out.stdout.contains("Stopped: the loss exploded to "), "\(out.stdout)")
        #expect(out.stdout.contains("Hint: the learning rate is too high: lower it"), "\(out.stdout)")
    }
}
