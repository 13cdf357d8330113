package portal.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** "ngram" filter (Wagtail's base index settings declare one). */
@NamedComponent("ngram")
public class NGramFilterFactory implements TokenFilterFactory {
    private final GramSettings settings;

    @Inject
    public NGramFilterFactory(GramSettings settings) {
        this.settings = settings;
    }

    @Override
    public TokenStream create(TokenStream input) {
        return new NGramTokenFilter(
            input, settings.minGram(), settings.maxGram(), settings.preserveOriginal());
    }
}
