import Canvas
import Curriculum
import Foundation
import TutorApp
import Widgets

/// Two small lessons and their quizzes, written to a temporary folder for the learner's screen
/// and end-to-end tests, so those tests never depend on the wording of the real lessons.
///
/// Lesson 1 (`01-fixture-filters`) has every kind of Markdown the reader styles, a lab block and
/// a Keypoint section long enough to scroll (60 points); its quiz is one choice question (answer b, 2) and one
/// numeric question (answer 28). Lesson 2 (`02-fixture-shapes`) has a review question of its own
/// (open) and quiz questions of the shape, short and open kinds.
public enum LearnerFixture {
    public static let lesson1 = """
    +++
    title = "Fixture Filters"
    weight = "1"
    +++
    ## Preview
    {{< ask_chatgpt >}}
    give me two questions about filters
    {{< /ask_chatgpt >}}

    1. What does a filter look for?
    2. Why does it slide over the image?

    ## Explain
    {{< ask_chatgpt >}}
    Explain filters and give an example
    {{< /ask_chatgpt >}}

    ### Sliding windows

    A **filter** is a small grid of *weights*. It slides over the input and computes a `dot product` at every position, which fills a feature map.

    - The first point is a long line that has to wrap at eighty columns, so that its hanging indent shows clearly.
    - The second point
      - a nested point

    | size | output |
    | --- | --- |
    | 3x3 | 26x26 |
    | 5x5 | 24x24 |

    > A filter that matches the patch gives a large number.

    ```
    out[i][j] = sum(image[i + a][j + b] * kernel[a][b] for a in range(3) for b in range(3)) + bias
    ```

    ```lab
    convolution input=digit:3 kernel=sobel-x stride=1 padding=0
    ```

    Read more in [the notes](https://example.com/notes).

    ## Keypoint
    {{< ask_chatgpt >}}
    List the key points of filters
    {{< /ask_chatgpt >}}

    \((1...60).map { "\($0). Key point number \($0) about filters and feature maps." }.joined(separator: "\n"))

    KEYPOINT-END marks the last line.

    ## Review
    Test yourself with the quiz: press t.
    """

    public static let quiz1 = """
    lesson: 01-fixture-filters
    questions:
      - id: filter-output
        kind: choice
        prompt: What does one filter produce over a whole image?
        choices:
          - One number
          - One feature map
          - One class label
        answer: 2
        explain: It is applied at every position, and the results form a grid.
      - id: output-width
        kind: numeric
        prompt: A 32x32 input, 5x5 kernel, stride 1, padding 0. Output width?
        answer: 28
        explain: (32 - 5 + 0) / 1 + 1 = 28
    """

    public static let lesson2 = """
    +++
    title = "Fixture Shapes"
    weight = "2"
    +++
    ## Preview
    Shapes of tensors.

    ## Explain
    A 28x28x3 input through 64 filters of 3x3 gives 26x26x64.

    ## Keypoint
    - Shapes shrink by the kernel size minus one.

    ## Review
    1. Why do feature maps shrink without padding?
    Answer: The kernel must fit inside the input.
    """

    public static let quiz2 = """
    lesson: 02-fixture-shapes
    questions:
      - id: output-shape
        kind: shape
        prompt: 28x28x3 input, 3x3 kernel, stride 1, no padding, 64 filters. Output shape?
        answer: [26, 26, 64]
      - id: pooling-keeps
        kind: short
        prompt: What does max pooling keep from each window?
        accept: ["the maximum", "the largest value", "max"]
        explain: Max pooling keeps the largest activation.
    """

    /// Writes `lessons/` and `quizzes/` into a fresh temporary folder and returns it.
    public static func write() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("learner-fixture-\(UUID().uuidString.prefix(8))")
        let lessons = root.appendingPathComponent("lessons"), quizzes = root.appendingPathComponent("quizzes")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: quizzes, withIntermediateDirectories: true)
        try lesson1.write(to: lessons.appendingPathComponent("01-fixture-filters.md"), atomically: true, encoding: .utf8)
        try lesson2.write(to: lessons.appendingPathComponent("02-fixture-shapes.md"), atomically: true, encoding: .utf8)
        try quiz1.write(to: quizzes.appendingPathComponent("01-fixture-filters.yaml"), atomically: true, encoding: .utf8)
        try quiz2.write(to: quizzes.appendingPathComponent("02-fixture-shapes.yaml"), atomically: true, encoding: .utf8)
        return root
    }
}


extension LearnerFixture {
    /// A fixed moment for tests: 2026-01-10 12:00 UTC.
    public static let now = Date(timeIntervalSince1970: 1_768_046_400)

    /// The fixture loaded as the tutor loads content, with `progress`, at `now`, seed 7.
    public static func content(progress: ProgressData = ProgressData()) throws -> CurriculumContent {
        let root = try write()
        defer { try? FileManager.default.removeItem(at: root) }
        let lessons = LessonLibrary(url: root.appendingPathComponent("lessons"))
        let quizzes = QuizLibrary(url: root.appendingPathComponent("quizzes"))
        return CurriculumContent(lessons: lessons, quizzes: quizzes, progress: progress, source: root.path, now: now, seed: 7)
    }

    /// An app state of the given size showing the fixture's home screen.
    public static func state(width: Int = 80, height: Int = 24, progress: ProgressData = ProgressData(),
                             capabilities: Capabilities = .plain) throws -> AppState {
        var state = AppState(width: width, height: height, capabilities: capabilities)
        _ = reduce(&state, .curriculumLoaded(try content(progress: progress)))
        return state
    }

    /// Presses keys the way the run loop does (key → action → reduce) and returns every effect.
    @discardableResult
    public static func press(_ keys: [Key], on state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        for key in keys { effects += reduce(&state, action(for: key, in: state)) }
        return effects
    }

    /// Types `text` one character at a time.
    @discardableResult
    public static func type(_ text: String, on state: inout AppState) -> [Effect] {
        press(text.map { Key.character($0) }, on: &state)
    }
}
