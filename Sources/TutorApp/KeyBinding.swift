import Canvas
import Widgets

/// One key binding of a screen as a value (bubbles' `key.Binding`): the keys it answers, how the
/// help overlay and the footer name them, and the action it sends. A screen's key map, footer and
/// help overlay are all read from its bindings, so they cannot drift apart.
struct KeyBinding<Subject, A: Sendable>: Sendable {
    /// The keys, as the key decoder gives them.
    var keys: [Key]
    /// The keys as the help overlay writes them (`→ n Enter`), and what they do; nil when an
    /// earlier line already says it (`[` and `]` under `Space [ ]`).
    var help: KeyHint?
    /// The footer's short form (`→ n` `next`), when the binding is in the footer, and its place.
    var footer: (hint: KeyHint, rank: Int)?
    /// The action for `key` given the screen's state; nil when the key does nothing now.
    var action: @Sendable (Key, Subject) -> A?

    init(_ keys: [Key], _ shown: String, _ help: String, footer: (String, String, rank: Int)? = nil, action: @escaping @Sendable (Key, Subject) -> A?) {
        self.keys = keys
        self.help = KeyHint(shown, help)
        self.footer = footer.map { (KeyHint($0.0, $0.1), $0.rank) }
        self.action = action
    }

    init(_ keys: [Key], _ shown: String, _ help: String, footer: (String, String, rank: Int)? = nil, _ action: A) {
        self.init(keys, shown, help, footer: footer) { _, _ in action }
    }

    /// Keys that share an earlier binding's help line.
    init(hidden keys: [Key], _ action: A) {
        self.keys = keys
        self.help = nil
        self.footer = nil
        self.action = { _, _ in action }
    }

    /// A help line for keys another map handles (a mode's keys), with no action here.
    static func helpOnly(_ shown: String, _ help: String) -> KeyBinding {
        KeyBinding([], shown, help) { _, _ in nil }
    }
}

/// A screen's key bindings in help sections: the key map, footer and help overlay of the screen.
struct KeyMap<Subject, A: Sendable>: Sendable {
    var sections: [(heading: String, bindings: [KeyBinding<Subject, A>])]
    /// The place of the global `? help` and `q leave` in the footer, among the bindings' ranks.
    var globalsRank: Int

    /// The action of `key`: the first binding that has it.
    func action(for key: Key, in subject: Subject) -> A? {
        for section in sections {
            for binding in section.bindings where binding.keys.contains(key) {
                return binding.action(key, subject)
            }
        }
        return nil
    }

    /// The help overlay's sections.
    var help: [(heading: String, hints: [KeyHint])] {
        sections.map { section in (section.heading, section.bindings.compactMap(\.help)) }
    }

    /// The footer: the bindings that have a footer form, and `?`/`q`, in rank order.
    var footer: [KeyHint] {
        let own = sections.flatMap(\.bindings).compactMap(\.footer)
        let globals = [(hint: KeyHint("?", "help"), rank: globalsRank), (hint: KeyHint("q", "leave"), rank: globalsRank)]
        return (own + globals).enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element.hint)
    }
}
