import Foundation
import LabContent
import LabKit
import LabQuiz
import LabSim
import LabStore
import LabTokens
import LabTerminal

/// Everything a command needs: content, style, state and console. One per process, shared by REPL commands.
public final class LabSession {
    public let options: GlobalOptions
    public let environment: [String: String]
    public let paths: LabPaths
    public let console: Console
    private var cachedStore: AppDatabase?
    /// The line source shared by the REPL and the questions a quiz asks.
    public var lineReader: LineReader?
    /// The simulator most recently opened in this session: what `imds start` serves by default.
    public var simulator: Simulator?
    /// The IMDS emulator running in the background of this session, if any.
    var emulatorHost: EmulatorHost?
    private var cachedQuizzes: QuizLibrary?
    private var cachedLibrary: LessonLibrary?
    private var cachedRoot: URL?
    private var cachedScenarios: ScenarioLibrary?
    private var cachedRulebook: Rulebook?
    private var cachedGlossary: CourseGlossary?

    public init(options: GlobalOptions, environment: [String: String] = ProcessInfo.processInfo.environment,
                interactive: Bool = TerminalInfo.stdinIsTerminal && TerminalInfo.stdoutIsTerminal, capture: Bool = false) {
        self.options = options
        self.environment = environment
        self.paths = LabPaths(environment: environment)
        let style = OutputStyle.detect(environment: environment, isTerminal: TerminalInfo.stdoutIsTerminal && !capture,
                                       plain: options.plain, width: options.width,
                                       terminalWidth: TerminalInfo.size()?.columns)
        self.console = Console(style: style, interactive: interactive, paging: !options.noPager, capture: capture)
    }

    public var style: OutputStyle { console.style }

    /// The content folder (holding Lessons/), found once.
    public func contentRoot() throws -> URL {
        if let cachedRoot { return cachedRoot }
        let root = try ContentLocator(explicit: options.content, environment: environment).locate()
        cachedRoot = root
        return root
    }

    /// The lessons, loaded once per session; broken ones are kept with their diagnostics.
    public func library() throws -> LessonLibrary {
        if let cachedLibrary { return cachedLibrary }
        let root = try contentRoot()
        let folder = root.appendingPathComponent("Lessons")
        let library = try LessonLibrary.load(folder: folder, displayPrefix: Self.displayPath(folder))
        cachedLibrary = library
        return library
    }

    /// Quizzes, checked against the objectives and the course's lesson ids (written and planned).
    public func quizzes() throws -> QuizLibrary {
        if let cachedQuizzes { return cachedQuizzes }
        let root = try contentRoot()
        let library = QuizLibrary.load(folder: root.appendingPathComponent("Quizzes"),
                                       displayPrefix: Self.displayPath(root.appendingPathComponent("Quizzes")),
                                       lessonIDs: try lessonIDs())
        cachedQuizzes = library
        return library
    }

    /// Stops the background emulator, if one runs, and forgets its address (so `lab imds env` does not point at it).
    public func stopEmulator() {
        guard let host = emulatorHost else { return }
        let emulator = host.emulator
        _ = try? EmulatorHost.wait { await emulator.stop(); return true }
        emulatorHost = nil
        try? FileManager.default.removeItem(at: paths.stateDirectory.appendingPathComponent("imds.json"))
    }

    /// The course glossary (Lessons/glossary.yml), loaded once; none if the content has no glossary.
    public func courseGlossary() throws -> CourseGlossary {
        if let cachedGlossary { return cachedGlossary }
        let file = try contentRoot().appendingPathComponent("Lessons/glossary.yml")
        let glossary = FileManager.default.fileExists(atPath: file.path)
            ? try CourseGlossary.load(from: file, displayPath: Self.displayPath(file)) : CourseGlossary(entries: [])
        cachedGlossary = glossary
        return glossary
    }

    /// Words `glossary` explains: token claims and the course glossary's terms and aliases.
    public func glossaryWords() -> Set<String> {
        Set((ClaimGlossary.allNames + ((try? courseGlossary().allNames) ?? [])).map { $0.lowercased() })
    }

    /// The simulator scenarios in Lessons/labs/, loaded once; broken ones are kept with their error.
    public func scenarios() throws -> ScenarioLibrary {
        if let cachedScenarios { return cachedScenarios }
        let folder = try contentRoot().appendingPathComponent("Lessons/labs")
        let library = ScenarioLibrary.load(folder: folder, displayPrefix: Self.displayPath(folder))
        cachedScenarios = library
        return library
    }

    /// The simulator's rulebook (Lessons/labs/rulebook.yml).
    public func rulebook() throws -> Rulebook {
        if let cachedRulebook { return cachedRulebook }
        let file = try contentRoot().appendingPathComponent("Lessons/labs/rulebook.yml")
        let rulebook = try Rulebook.load(from: file, displayPath: Self.displayPath(file))
        cachedRulebook = rulebook
        return rulebook
    }

    /// Lesson ids a quiz question may name: those in the course plan and those written.
    public func lessonIDs() throws -> Set<String> {
        let root = try contentRoot()
        let planFile = root.appendingPathComponent("Lessons/course.yml")
        let plan = try CoursePlan.load(from: planFile, displayPath: Self.displayPath(planFile))
        return Set(plan.ids).union(try library().entries.compactMap(\.declaredID))
    }

    /// Where the lab's RS256 signing key lives (0600); it never leaves the state directory.
    public var signingKeyURL: URL { paths.stateDirectory.appendingPathComponent("signing-key.pem") }

    /// The lab's signing key, created on first use.
    public func signingKey() throws -> LabSigningKey {
        try paths.ensureStateDirectory()
        return try LabSigningKey.loadOrCreate(at: signingKeyURL)
    }

    /// Which lessons are unlocked for this learner now.
    public func gate() throws -> LessonGate {
        // Only check quizzes decide locks; the whole bank is parsed only if something else already needed it.
        let quizzes = try cachedQuizzes ?? QuizLibrary.load(folder: contentRoot().appendingPathComponent("Quizzes"),
                                                            displayPrefix: Self.displayPath(contentRoot().appendingPathComponent("Quizzes")),
                                                            lessonIDs: try lessonIDs(), checksOnly: true)
        var checks: [String: LessonGate.Check] = [:]
        for quiz in quizzes.entries.filter({ !$0.isBroken }).compactMap(\.quiz) {
            if let lesson = quiz.lesson { checks[lesson] = LessonGate.Check(quizID: quiz.id, pass: quiz.pass) }
        }
        let unlockAll = options.unlockAll || environment["LAB_UNLOCK_ALL"].map { !$0.isEmpty && $0 != "0" } ?? false
        return LessonGate(lessonIDs: try library().lessons.map(\.id), checks: checks, bestScores: try store().bestScores(), unlockAll: unlockAll)
    }

    /// The reader for this process: the REPL's, or readline at a terminal, or plain lines from a pipe.
    public func reader() -> LineReader {
        if let lineReader { return lineReader }
        let made: LineReader
        if TerminalInfo.stdinIsTerminal {
            try? paths.ensureStateDirectory()
            made = ReadlineLineReader(historyFile: paths.historyFile, completer: { _, _ in [] })
        } else {
            made = PipeLineReader()
        }
        lineReader = made
        return made
    }

    /// A path as the learner would type it: relative to the working directory when inside it.
    public static func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let path = url.standardizedFileURL.path
        if path == cwd { return "." }
        if path.hasPrefix(cwd + "/") { return String(path.dropFirst(cwd.count + 1)) }
        return path
    }

    /// The learner's profile: --profile, else LAB_PROFILE, else the user name.
    public var profileName: String {
        options.profile ?? environment["LAB_PROFILE"] ?? environment["USER"] ?? environment["LOGNAME"] ?? "learner"
    }

    /// The progress database, opened once; a damaged file is moved aside and the learner told where it went.
    public func store() throws -> AppDatabase {
        if let cachedStore { return cachedStore }
        try paths.ensureStateDirectory()
        let store = try AppDatabase.open(path: paths.databaseFile.path, profile: profileName)
        if case .movedAside(let aside, let reason) = store.openNote {
            console.error("the progress database was damaged (\(reason)); it was kept as \(aside) and a new one was started")
        }
        cachedStore = store
        return store
    }
}
