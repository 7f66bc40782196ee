import Canvas
import Widgets

/// One key binding of a screen as a value (bubbles' `key.Binding`): the keys it answers, how the
/// help overlay and the footer name them, and the action it sends. A screen's key map, footer and
/// help overlay are all read from its bindings, so they cannot drift apart.
struct KeyBinding<Subject, A: Sendable>: Sendable {
    /// How the binding shows in the footer: always the same, or depending on the screen's state
    /// (shown only while it does something, or named after what it does now).
    enum Footer: Sendable {
        case fixed(KeyHint)
        case when(@Sendable (Subject) -> KeyHint?)
    }

    /// The keys, as the key decoder gives them.
    var keys: [Key]
    /// The keys as the help overlay writes them (`→ n Enter`), and what they do; nil when an
    /// earlier line already says it (`[` and `]` under `Space [ ]`).
    var help: KeyHint?
    /// The footer's short form (`→ n` `next`), when the binding is in the footer, and its place.
    var footerForm: (form: Footer, rank: Int)?
    /// The action for `key` given the screen's state; nil when the key does nothing now.
    var action: @Sendable (Key, Subject) -> A?

    init(_ keys: [Key], _ shown: String, _ help: String, footer: (String, String, rank: Int)? = nil, action: @escaping @Sendable (Key, Subject) -> A?) {
        self.keys = keys
        self.help = KeyHint(shown, help)
        self.footerForm = footer.map { (.fixed(KeyHint($0.0, $0.1)), $0.rank) }
        self.action = action
    }

    init(_ keys: [Key], _ shown: String, _ help: String, footer: (String, String, rank: Int)? = nil, _ action: A) {
        self.init(keys, shown, help, footer: footer) { _, _ in action }
    }

    /// A binding whose footer form depends on the screen's state.
    init(_ keys: [Key], _ shown: String?, _ help: String?, footerRank rank: Int, footer: @escaping @Sendable (Subject) -> KeyHint?,
         action: @escaping @Sendable (Key, Subject) -> A?) {
        self.keys = keys
        self.help = shown.flatMap { shown in help.map { KeyHint(shown, $0) } }
        self.footerForm = (.when(footer), rank)
        self.action = action
    }

    /// Keys that share an earlier binding's help line.
    init(hidden keys: [Key], _ action: A) {
        self.init(hidden: keys) { _, _ in action }
    }

    /// Keys that share an earlier binding's help line, with an action that depends on the state.
    init(hidden keys: [Key], action: @escaping @Sendable (Key, Subject) -> A?) {
        self.keys = keys
        self.help = nil
        self.footerForm = nil
        self.action = action
    }

    /// A help line for keys another map handles (a mode's keys), with no action here.
    static func helpOnly(_ shown: String, _ help: String) -> KeyBinding {
        KeyBinding([], shown, help) { _, _ in nil }
    }

    /// A footer entry for keys handled elsewhere (the global `?` and `q`), named by the state.
    static func footerOnly(rank: Int, _ hint: @escaping @Sendable (Subject) -> KeyHint?) -> KeyBinding {
        KeyBinding([], nil, nil, footerRank: rank, footer: hint) { _, _ in nil }
    }

    /// The fixed footer form, when the binding has one.
    var footer: (hint: KeyHint, rank: Int)? {
        guard let footerForm, case .fixed(let hint) = footerForm.form else { return nil }
        return (hint, footerForm.rank)
    }

    /// The footer form for the screen's state now.
    func footer(in subject: Subject) -> (hint: KeyHint, rank: Int)? {
        guard let footerForm else { return nil }
        switch footerForm.form {
        case .fixed(let hint): return (hint, footerForm.rank)
        case .when(let shown): return shown(subject).map { ($0, footerForm.rank) }
        }
    }
}

/// A screen's key bindings in help sections: the key map, footer and help overlay of the screen.
struct KeyMap<Subject, A: Sendable>: Sendable {
    var sections: [(heading: String, bindings: [KeyBinding<Subject, A>])]
    /// The place of the global `? help` and `q leave` in the footer, among the bindings' ranks;
    /// nil when the screen names those keys itself (`q quit` on home, `Esc leave` in a quiz).
    var globalsRank: Int?
    /// The action of a key no binding lists (typing into a text field), if any.
    var otherKeys: (@Sendable (Key, Subject) -> A?)?

    init(sections: [(heading: String, bindings: [KeyBinding<Subject, A>])], globalsRank: Int?, otherKeys: (@Sendable (Key, Subject) -> A?)? = nil) {
        self.sections = sections
        self.globalsRank = globalsRank
        self.otherKeys = otherKeys
    }

    /// Every binding, in order.
    var bindings: [KeyBinding<Subject, A>] { sections.flatMap(\.bindings) }

    /// The action of `key`: the first binding that has it, else `otherKeys`.
    func action(for key: Key, in subject: Subject) -> A? {
        for section in sections {
            for binding in section.bindings where binding.keys.contains(key) {
                return binding.action(key, subject)
            }
        }
        return otherKeys?(key, subject)
    }

    /// The help overlay's sections.
    var help: [(heading: String, hints: [KeyHint])] {
        sections.map { section in (section.heading, section.bindings.compactMap(\.help)) }
    }

    /// The help of several maps (a screen's modes) as one overlay: their sections with the same
    /// heading joined, in the order `headings` gives.
    static func help(of maps: [KeyMap], headings: [String]) -> [(heading: String, hints: [KeyHint])] {
        headings.map { heading in
            (heading, maps.flatMap { $0.help.filter { $0.heading == heading }.flatMap(\.hints) })
        }
    }

    /// The footer: the bindings that have a fixed footer form, and `?`/`q`, in rank order.
    var footer: [KeyHint] { ranked(bindings.compactMap(\.footer)) }

    /// The footer for the screen's state now: fixed forms and those the state shows.
    func footer(in subject: Subject) -> [KeyHint] { ranked(bindings.compactMap { $0.footer(in: subject) }) }

    private func ranked(_ own: [(hint: KeyHint, rank: Int)]) -> [KeyHint] {
        let globals = globalsRank.map { [(hint: KeyHint("?", "help"), rank: $0), (hint: KeyHint("q", "leave"), rank: $0)] } ?? []
        return (own + globals).enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element.hint)
    }
}
