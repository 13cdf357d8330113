package portal.analysis;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenizerFactory;

/** "ngram" tokenizer (Wagtail's base index settings declare one); no token_chars. */
@NamedComponent("ngram")
public class NGramTokenizerFactory implements TokenizerFactory {
    private final GramSettings settings;

    @Inject
    public NGramTokenizerFactory(GramSettings settings) {
        this.settings = settings;
    }

    @Override
    public Tokenizer create() {
        return new NGramTokenizer(settings.minGram(), settings.maxGram());
    }
}
