package portal.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** "asciifolding": "quyết" also as "quyet", đ as d; preserve_original keeps the marked token. */
@NamedComponent("asciifolding")
public class AsciiFoldingFilterFactory implements TokenFilterFactory {
    private final boolean preserveOriginal;

    @Inject
    public AsciiFoldingFilterFactory(FoldingSettings settings) {
        this.preserveOriginal = settings.preserveOriginal();
    }

    @Override
    public TokenStream create(TokenStream input) {
        return new ASCIIFoldingFilter(input, preserveOriginal);
    }

    @Override
    public TokenStream normalize(TokenStream input) {
        // A normalizer (keyword fields, wildcard terms) must give one token: never both forms.
        return new ASCIIFoldingFilter(input, false);
    }
}
