import Foundation
import GRDB
import LabStore

/// Store figures: recording 10,000 answers one transaction each, and a profile of 100,000 answers for `lab progress`.
/// Usage: lab-bench <state folder> (the folder gets progress.sqlite with profile "bench"; point LAB_HOME at it).
let folder = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : NSTemporaryDirectory() + "lab-bench-\(UUID().uuidString)"
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
let path = folder + "/progress.sqlite"
try? FileManager.default.removeItem(atPath: path)

let store = try AppDatabase.open(path: path, profile: "bench")
let questions = (0..<85).map { "q-\($0)" }
var start = Date()
for i in 0..<10_000 {
    try store.recordAnswer(quizID: "az204", questionID: questions[i % questions.count], answer: "a", points: i % 3 == 0 ? 0 : 1,
                           correct: i % 3 != 0, seconds: 5, mode: "practice", at: Date(timeIntervalSince1970: 1_790_000_000 + Double(i) * 60))
}
let record = Date().timeIntervalSince(start)
print(String(format: "record 10,000 answers (one transaction each)   %8.1f ms  (%.3f ms per answer)", record * 1000, record * 1000 / 10_000))

// Fill to 100,000 answers in one transaction (setup, not measured).
try store.writer.write { db in
    for i in 10_000..<100_000 {
        try db.execute(sql: "INSERT INTO answer (profileId, quizID, questionID, answer, points, correct, seconds, mode, at) VALUES (?, 'az204', ?, 'a', ?, ?, 5, 'practice', ?)",
                       arguments: [store.profileID, questions[i % questions.count], i % 3 == 0 ? 0 : 1, i % 3 != 0, Date(timeIntervalSince1970: 1_790_000_000 + Double(i) * 60)])
    }
}
start = Date()
let all = try store.answers()
let read = Date().timeIntervalSince(start)
print(String(format: "read back %d answers                        %8.1f ms", all.count, read * 1000))
print("profile 'bench' with 100,000 answers in \(path)")
