/// A contained database user made with `CREATE USER [name] FROM EXTERNAL PROVIDER`: Azure SQL's own authorization.
public struct SQLUser: Sendable, Equatable {
    public var database: String
    public var principalID: String
    public var principalName: String
    /// Database roles such as `db_datareader`.
    public var roles: [String]

    public init(database: String, principalID: String, principalName: String, roles: [String]) {
        self.database = database
        self.principalID = principalID
        self.principalName = principalName
        self.roles = roles
    }
}
