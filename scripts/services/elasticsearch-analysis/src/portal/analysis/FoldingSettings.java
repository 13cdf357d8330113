package portal.analysis;

import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;

/** The settings of the asciifolding filter, as Elasticsearch's analysis-common names them. */
@AnalysisSettings
public interface FoldingSettings {
    @BooleanSetting(path = "preserve_original", defaultValue = false)
    boolean preserveOriginal();
}
