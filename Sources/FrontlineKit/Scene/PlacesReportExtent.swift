import Foundation

extension PlacesReport {
    /// The places of a map as its metadata reports them: those `extent` (by default the extent the map
    /// of these places would have) leaves out are off the map. Places reports the off-map places it is
    /// given; which they are is the Scene stage's choice.
    public init(article: Article, resolution: PlaceResolution, extent: MapExtent? = nil) {
        let extent = extent ?? ExtentChooser.choose([resolution])
        self.init(article: article, resolution: resolution, offMap: extent.offMap)
    }
}
