/// The last `capacity` values in arrival order, each numbered, so memory stays flat however long the server runs.
struct LogRing<Element: Sendable>: Sendable {
    let capacity: Int
    private var storage: [Element] = []
    private var start = 0
    /// How many values were ever appended; the newest one is numbered `total`.
    private(set) var total = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        storage.reserveCapacity(min(self.capacity, 4096))
    }

    mutating func append(_ element: Element) {
        if storage.count < capacity { storage.append(element) } else {
            storage[start] = element
            start = (start + 1) % capacity
        }
        total += 1
    }

    /// Oldest first.
    var elements: [Element] { Array(storage[start...] + storage[..<start]) }

    /// Values numbered above `sequence` that are still kept, oldest first.
    func elements(after sequence: Int) -> [Element] {
        let wanted = max(0, min(storage.count, total - sequence))
        return Array(elements.suffix(wanted))
    }
}
