import Foundation
import LabKit
import LabQuiz

/// Finished quiz attempts, kept as JSON in the state directory until the progress database replaces it.
struct QuizResults: Codable {
    struct Attempt: Codable {
        var quiz: String
        var percent: Int
        var passed: Bool
        var mode: String
        var date: Date
    }

    var attempts: [Attempt] = []

    static func url(_ paths: LabPaths) -> URL { paths.stateDirectory.appendingPathComponent("quiz-results.json") }

    static func load(_ paths: LabPaths) -> QuizResults {
        guard let data = FileManager.default.contents(atPath: url(paths).path) else { return QuizResults() }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return (try? decoder.decode(QuizResults.self, from: data)) ?? QuizResults()
    }

    static func append(_ report: QuizReport, date: Date, paths: LabPaths) {
        var results = load(paths)
        results.attempts.append(Attempt(quiz: report.quiz, percent: report.percent, passed: report.passed, mode: report.mode, date: date))
        do {
            try paths.ensureStateDirectory()
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(results).write(to: url(paths), options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url(paths).path)
        } catch {
            FileHandle.standardError.write(Data("lab: warning: could not save the quiz result: \(error.localizedDescription)\n".utf8))
        }
    }

    func best(_ quiz: String) -> Int? { attempts.filter { $0.quiz == quiz }.map(\.percent).max() }
}
