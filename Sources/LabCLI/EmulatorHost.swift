import Foundation
import LabIMDS
import LabKit
import LabSim
import LabTerminal
import LabTokens

/// The emulator running in the background of a lab session (`imds start|stop|status`): its live log goes above
/// the prompt, and its answers join the simulator's runs so `flow` and `grade` see them.
final class EmulatorHost: @unchecked Sendable {
    let emulator: IMDSEmulator
    let port: Int
    private let lock = NSLock()
    private var pendingRuns: [SimRun] = []

    init(emulator: IMDSEmulator, port: Int) {
        self.emulator = emulator
        self.port = port
    }

    /// Called on a server thread for every request.
    func received(_ record: EmulatorLogRecord, compute: String) {
        BackgroundNotices.shared.post(["imds " + record.summary])
        guard let exchange = record.exchange else { return }
        lock.lock()
        pendingRuns.append(.token(from: compute, mode: .http, exchange: exchange, at: record.time))
        if pendingRuns.count > 1000 { pendingRuns.removeFirst(pendingRuns.count - 1000) }
        lock.unlock()
    }

    /// The runs that arrived since the last call (the simulator takes them before each command).
    func takeRuns() -> [SimRun] {
        lock.lock()
        defer { lock.unlock() }
        let runs = pendingRuns
        pendingRuns.removeAll()
        return runs
    }

    /// Runs an async emulator call from the REPL's synchronous loop.
    static func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let semaphore = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        Task.detached {
            do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
            semaphore.signal()
        }
        semaphore.wait()
        return try box.result!.get()
    }
}

/// Carries a result from a task back to the waiting thread.
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}
