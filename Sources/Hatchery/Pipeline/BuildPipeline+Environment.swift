import Foundation

extension BuildPipeline where C == ContinuousClock {
    /// A build whose providers come from `environment` (EggAPI's key, base URL and timeout),
    /// and whose local provider charges by the same `prices` the build plans and budgets with.
    public init(options: BuildOptions, prices: PriceTable = .eggAPI, environment: HatcheryEnvironment) {
        self.init(options: options, prices: prices, makeProvider: ProviderFactories.standard(environment, prices: prices),
                  clock: ContinuousClock())
    }
}
