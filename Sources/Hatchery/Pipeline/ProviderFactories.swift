import Foundation

/// The providers Hatchery can use, made from its environment and a price table.
public enum ProviderFactories {
    /// Makes the provider of a kind; whoever calls it shuts the provider down when done.
    public typealias Factory = @Sendable (ProviderKind) throws -> any GenerationProvider

    /// `local` charging by `prices` (the table the build plans with, so its estimates and the
    /// costs it records agree); `eggapi` configured from `environment`, whose error
    /// (`ProviderError.missingAPIKey`, …) is thrown only when an EggAPI provider is asked for.
    public static func standard(_ environment: HatcheryEnvironment, prices: PriceTable = .eggAPI) -> Factory {
        { kind in
            switch kind {
            case .local:
                return LocalProvider(prices: prices)
            case .eggapi:
                return EggAPIClient(configuration: try environment.eggAPIConfiguration())
            }
        }
    }
}
