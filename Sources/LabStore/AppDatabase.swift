import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GRDB

/// The learner's record: one SQLite file (WAL), named append-only migrations, and writes named by intent.
/// Each write is its own transaction, so a killed process loses nothing that was already answered.
public final class AppDatabase: @unchecked Sendable {
    public let writer: any DatabaseWriter
    public let profileID: Int64
    public let profile: String

    /// What happened when the file was opened: a corrupt file is moved aside, never dropped.
    public enum OpenNote: Equatable, Sendable { case fresh, existing, movedAside(to: String, reason: String) }
    public private(set) var openNote: OpenNote = .existing

    /// The migrations, in order. Never edit or reorder one that has shipped: add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: profiles, lessons, answers, attempts") { db in
            try db.create(table: "profile") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique()
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "lessonEvent") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("profile", onDelete: .cascade).notNull()
                t.column("lessonID", .text).notNull()
                t.column("kind", .text).notNull() // opened, finished
                t.column("at", .datetime).notNull()
            }
            try db.create(table: "answer") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("profile", onDelete: .cascade).notNull()
                t.column("quizID", .text).notNull()
                t.column("questionID", .text).notNull().indexed()
                t.column("answer", .text).notNull()
                t.column("points", .double).notNull()
                t.column("correct", .boolean).notNull()
                t.column("seconds", .double).notNull()
                t.column("mode", .text).notNull()
                t.column("at", .datetime).notNull()
            }
            try db.create(table: "attempt") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("profile", onDelete: .cascade).notNull()
                t.column("quizID", .text).notNull()
                t.column("mode", .text).notNull()
                t.column("seed", .integer).notNull()
                t.column("percent", .integer).notNull()
                t.column("passed", .boolean).notNull()
                t.column("questions", .integer).notNull()
                t.column("answered", .integer).notNull()
                t.column("at", .datetime).notNull()
            }
            try db.create(table: "setting") { t in
                t.belongsTo("profile", onDelete: .cascade).notNull()
                t.column("key", .text).notNull()
                t.column("value", .text).notNull()
                t.primaryKey(["profileId", "key"])
            }
        }
        migrator.registerMigration("v2: simulator grades") { db in
            try db.create(table: "simGrade") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("profile", onDelete: .cascade).notNull()
                t.column("scenarioID", .text).notNull()
                t.column("score", .integer).notNull()
                t.column("solved", .boolean).notNull()
                t.column("failedRules", .text).notNull() // comma-separated rule ids
                t.column("at", .datetime).notNull()
            }
        }
        return migrator
    }

    /// An in-memory database, for tests.
    public convenience init(profile: String = "test") throws {
        try self.init(writer: try DatabaseQueue(), profile: profile)
    }

    init(writer: any DatabaseWriter, profile: String, now: Date = Date()) throws {
        let migrator = Self.migrator
        let known = Set(migrator.migrations)
        let applied = try writer.read { db in try migrator.appliedIdentifiers(db) }
        let unknown = applied.subtracting(known)
        if !unknown.isEmpty { throw StoreError.newerVersion(path: writer.path, unknown: unknown.sorted()) }
        try migrator.migrate(writer)
        self.writer = writer
        self.profile = profile
        profileID = try writer.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO profile (name, createdAt) VALUES (?, ?)", arguments: [profile, now])
            return try Int64.fetchOne(db, sql: "SELECT id FROM profile WHERE name = ?", arguments: [profile])!
        }
    }

    /// Opens (or creates) the file. A file that is not SQLite or fails its integrity check is renamed with a
    /// timestamp and a new one is started; a file from a newer lab is refused.
    public static func open(path: String, profile: String, now: Date = Date()) throws -> AppDatabase {
        // Two labs starting at once must not both check, migrate or create the file: one waits for the other.
        let lockFD = Glibc.open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if lockFD >= 0 { flock(lockFD, LOCK_EX) }
        defer { if lockFD >= 0 { flock(lockFD, LOCK_UN); close(lockFD) } }
        let fm = FileManager.default
        let existed = fm.fileExists(atPath: path)
        var note: OpenNote = existed ? .existing : .fresh
        if existed, let problem = integrityProblem(path: path) {
            let stamp = ISO8601DateFormatter().string(from: now).replacingOccurrences(of: ":", with: "")
            let aside = "\(path).corrupt-\(stamp)"
            try fm.moveItem(atPath: path, toPath: aside)
            for suffix in ["-wal", "-shm"] where fm.fileExists(atPath: path + suffix) {
                try? fm.moveItem(atPath: path + suffix, toPath: aside + suffix)
            }
            note = .movedAside(to: aside, reason: problem)
        }
        do {
            var config = Configuration()
            config.busyMode = .timeout(10) // two lab processes on one profile wait for each other
            let pool = try DatabasePool(path: path, configuration: config)
            chmod(path, 0o600)
            let database = try AppDatabase(writer: pool, profile: profile, now: now)
            database.openNote = note
            return database
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// Why the file is unusable, or nil when it opens and passes `PRAGMA quick_check`.
    static func integrityProblem(path: String) -> String? {
        do {
            var config = Configuration()
            config.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: config)
            let result = try queue.read { db in try String.fetchOne(db, sql: "PRAGMA quick_check") }
            try queue.close()
            return result == "ok" ? nil : "integrity check failed: \(result ?? "no answer")"
        } catch {
            return "not a readable SQLite database (\(error))"
        }
    }

    // MARK: - Writes, named by intent

    public func recordLessonOpened(_ lessonID: String, at date: Date = Date()) throws {
        try writer.write { db in
            try db.execute(sql: "INSERT INTO lessonEvent (profileId, lessonID, kind, at) VALUES (?, ?, 'opened', ?)", arguments: [profileID, lessonID, date])
            try db.execute(sql: "INSERT INTO setting (profileId, key, value) VALUES (?, 'currentLesson', ?) ON CONFLICT(profileId, key) DO UPDATE SET value = excluded.value",
                           arguments: [profileID, lessonID])
        }
    }

    /// The lesson was shown to its end.
    public func recordLessonFinished(_ lessonID: String, at date: Date = Date()) throws {
        try writer.write { db in
            try db.execute(sql: "INSERT INTO lessonEvent (profileId, lessonID, kind, at) VALUES (?, ?, 'finished', ?)", arguments: [profileID, lessonID, date])
        }
    }

    /// One answered question, committed at once.
    public func recordAnswer(quizID: String, questionID: String, answer: String, points: Double, correct: Bool,
                             seconds: Double, mode: String, at date: Date = Date()) throws {
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO answer (profileId, quizID, questionID, answer, points, correct, seconds, mode, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [profileID, quizID, questionID, answer, points, correct, seconds, mode, date])
        }
    }

    public func recordAttempt(quizID: String, mode: String, seed: UInt64, percent: Int, passed: Bool, questions: Int,
                              answered: Int, at date: Date = Date()) throws {
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO attempt (profileId, quizID, mode, seed, percent, passed, questions, answered, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [profileID, quizID, mode, Int64(bitPattern: seed), percent, passed, questions, answered, date])
        }
    }

    /// One `grade` in the simulator: the scenario (or "free" for free play), the score and the rules that failed.
    public func recordSimGrade(scenarioID: String, score: Int, solved: Bool, failedRules: [String], at date: Date = Date()) throws {
        try writer.write { db in
            try db.execute(sql: "INSERT INTO simGrade (profileId, scenarioID, score, solved, failedRules, at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [profileID, scenarioID, score, solved, failedRules.joined(separator: ","), date])
        }
    }

    // MARK: - Reads

    public func simGrades() throws -> [SimGradeRecord] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT scenarioID, score, solved, failedRules, at FROM simGrade WHERE profileId = ? ORDER BY at, id", arguments: [profileID]).map {
                let failed: String = $0["failedRules"]
                return SimGradeRecord(scenarioID: $0["scenarioID"], score: $0["score"], solved: $0["solved"],
                                      failedRules: failed.split(separator: ",").map(String.init), at: $0["at"])
            }
        }
    }

    public func lessonsOpened() throws -> Set<String> {
        try writer.read { db in
            Set(try String.fetchAll(db, sql: "SELECT DISTINCT lessonID FROM lessonEvent WHERE profileId = ?", arguments: [profileID]))
        }
    }

    public func currentLesson() throws -> String? {
        try writer.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM setting WHERE profileId = ? AND key = 'currentLesson'", arguments: [profileID])
        }
    }

    /// Best percent per quiz.
    public func bestScores() throws -> [String: Int] {
        try writer.read { db in
            var result: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT quizID, MAX(percent) AS best FROM attempt WHERE profileId = ? GROUP BY quizID", arguments: [profileID]) {
                result[row["quizID"]] = row["best"]
            }
            return result
        }
    }

    public func answerCount(quizID: String? = nil) throws -> Int {
        try writer.read { db in
            if let quizID {
                return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM answer WHERE profileId = ? AND quizID = ?", arguments: [profileID, quizID]) ?? 0
            }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM answer WHERE profileId = ?", arguments: [profileID]) ?? 0
        }
    }

    public func answers() throws -> [AnswerRecord] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT quizID, questionID, answer, points, correct, seconds, mode, at FROM answer WHERE profileId = ? ORDER BY at, id",
                             arguments: [profileID]).map {
                AnswerRecord(quizID: $0["quizID"], questionID: $0["questionID"], answer: $0["answer"], points: $0["points"],
                             correct: $0["correct"], seconds: $0["seconds"], mode: $0["mode"], at: $0["at"])
            }
        }
    }

    public func attempts() throws -> [AttemptRecord] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT quizID, mode, percent, passed, questions, answered, at FROM attempt WHERE profileId = ? ORDER BY at, id",
                             arguments: [profileID]).map {
                AttemptRecord(quizID: $0["quizID"], mode: $0["mode"], percent: $0["percent"], passed: $0["passed"],
                              questions: $0["questions"], answered: $0["answered"], at: $0["at"])
            }
        }
    }

    public func lessonEvents() throws -> [LessonRecord] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT lessonID, kind, at FROM lessonEvent WHERE profileId = ? ORDER BY at, id", arguments: [profileID]).map {
                LessonRecord(lessonID: $0["lessonID"], kind: $0["kind"], at: $0["at"])
            }
        }
    }

    /// Forgets this profile's record (lessons, answers, attempts, settings); other profiles are untouched.
    public func reset() throws {
        try writer.write { db in
            for table in ["lessonEvent", "answer", "attempt", "setting", "simGrade"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE profileId = ?", arguments: [profileID])
            }
        }
    }
}
