import Foundation

/// Why the progress database cannot be used as it is.
public enum StoreError: LocalizedError, Equatable {
    /// The file was written by a newer lab: migrating it backwards could lose what it holds.
    case newerVersion(path: String, unknown: [String])
    case cannotOpen(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .newerVersion(let path, let unknown):
            return "\(path) was written by a newer version of the lab (it has changes this version does not know: \(unknown.joined(separator: ", "))). Update the lab, or use another LAB_HOME; the file is left untouched."
        case .cannotOpen(let path, let reason):
            return "cannot open the progress database \(path): \(reason)"
        }
    }
}
