package dev.astrid.ls.cli;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import java.io.IOException;
import java.util.List;

/** The SARIF schema check of {@link SarifTest}, for tests in other packages. */
public final class SarifTestAccess {
    private SarifTestAccess() {}

    public static List<Error> schemaErrors(String sarif) throws IOException {
        return SarifTest.sarifSchema().validate(sarif, InputFormat.JSON);
    }
}
