import Foundation
import GRDB
import Testing
@testable import LabStore

@Suite struct AppDatabaseTests {
    func temporaryPath() -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lab-store-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("progress.sqlite").path
    }

    @Test func recordsLessonsAnswersAndAttemptsPerProfile() throws {
        let db = try AppDatabase(profile: "ana")
        try db.recordLessonOpened("why-managed-identities")
        try db.recordLessonOpened("imds-token-flow")
        #expect(try db.lessonsOpened() == ["why-managed-identities", "imds-token-flow"])
        #expect(try db.currentLesson() == "imds-token-flow")
        try db.recordLessonFinished("imds-token-flow")
        #expect(try db.lessonEvents().map(\.kind) == ["opened", "opened", "finished"])
        try db.recordAnswer(quizID: "az204", questionID: "q1", answer: "b", points: 1, correct: true, seconds: 4.2, mode: "practice")
        try db.recordAttempt(quizID: "az204", mode: "practice", seed: 7, percent: 40, passed: false, questions: 5, answered: 2)
        try db.recordAttempt(quizID: "az204", mode: "exam", seed: UInt64.max, percent: 80, passed: true, questions: 5, answered: 5)
        #expect(try db.bestScores() == ["az204": 80])
        #expect(try db.answerCount(quizID: "az204") == 1)
    }

    @Test func profilesKeepLearnersApart() throws {
        let path = temporaryPath()
        let ana = try AppDatabase.open(path: path, profile: "ana")
        #expect(ana.openNote == .fresh)
        try ana.recordLessonOpened("imds-token-flow")
        let ben = try AppDatabase.open(path: path, profile: "ben")
        #expect(ben.openNote == .existing)
        #expect(try ben.lessonsOpened().isEmpty)
        #expect(try AppDatabase.open(path: path, profile: "ana").lessonsOpened() == ["imds-token-flow"])
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
        let mode = try ana.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test func aFileThatIsNotSQLiteIsKeptAsideNotDropped() throws {
        let path = temporaryPath()
        try "these are my notes, not a database".write(toFile: path, atomically: true, encoding: .utf8)
        let db = try AppDatabase.open(path: path, profile: "ana", now: Date(timeIntervalSince1970: 1_800_000_000))
        guard case .movedAside(let aside, let reason) = db.openNote else { Issue.record("not moved aside: \(db.openNote)"); return }
        #expect(aside == path + ".corrupt-2027-01-15T080000Z")
        #expect(reason.contains("not a readable SQLite database"))
        #expect(try String(contentsOfFile: aside, encoding: .utf8) == "these are my notes, not a database")
        #expect(try db.lessonsOpened().isEmpty)
    }

    @Test func simulatorGradesAreKeptPerProfile() throws {
        let db = try AppDatabase(profile: "ana")
        try db.recordSimGrade(scenarioID: "fix-wrong-scope", score: 60, solved: false, failedRules: ["narrowest-scope", "least-privilege"])
        try db.recordSimGrade(scenarioID: "fix-wrong-scope", score: 100, solved: true, failedRules: [])
        let grades = try db.simGrades()
        #expect(grades.map(\.score) == [60, 100])
        #expect(grades[0].failedRules == ["narrowest-scope", "least-privilege"])
        #expect(grades[1].solved)
        try db.reset()
        #expect(try db.simGrades().isEmpty)
    }

    @Test func aVersionOneFileGainsTheSimulatorTableAndKeepsItsAnswers() throws {
        let path = temporaryPath()
        let queue = try DatabaseQueue(path: path)
        // Build the shipped v1 schema exactly by running only the first migration of the real migrator.
        try AppDatabase.migrator.migrate(queue, upTo: "v1: profiles, lessons, answers, attempts")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO profile (name, createdAt) VALUES ('ana', ?)", arguments: [Date()])
            try db.execute(sql: "INSERT INTO answer (profileId, quizID, questionID, answer, points, correct, seconds, mode, at) VALUES (1, 'az204', 'q1', 'a', 1, 1, 2, 'practice', ?)", arguments: [Date()])
        }
        try queue.close()
        let db = try AppDatabase.open(path: path, profile: "ana")
        #expect(try db.answerCount() == 1)
        try db.recordSimGrade(scenarioID: "free", score: 90, solved: false, failedRules: ["lifecycle-orphans"])
        #expect(try db.simGrades().count == 1)
    }

    @Test func aDatabaseFromANewerLabIsRefusedAndLeftAlone() throws {
        let path = temporaryPath()
        _ = try AppDatabase.open(path: path, profile: "ana")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9: from the future')") }
        try queue.close()
        #expect(throws: StoreError.newerVersion(path: path, unknown: ["v9: from the future"])) {
            try AppDatabase.open(path: path, profile: "ana")
        }
        let still = try DatabaseQueue(path: path)
        #expect(try still.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }.contains("v9: from the future"))
    }

    @Test func twoConnectionsOnOneFileDoNotCorruptIt() async throws {
        let path = temporaryPath()
        let a = try AppDatabase.open(path: path, profile: "ana")
        let b = try AppDatabase.open(path: path, profile: "ana")
        await withTaskGroup(of: Void.self) { group in
            for db in [a, b] {
                group.addTask {
                    for i in 0..<200 { try? db.recordAnswer(quizID: "az204", questionID: "q\(i)", answer: "a", points: 0, correct: false, seconds: 1, mode: "exam") }
                }
            }
        }
        #expect(try a.answerCount() == 400)
        #expect(AppDatabase.integrityProblem(path: path) == nil)
    }
}
