package org.modelregistry.api.identity;

/** The answer to creating a service account: the only time its API key is shown. */
public record CreatedServiceAccount(ServiceAccountDto account, String apiKey) {

    @Override
    public String toString() {
        return "CreatedServiceAccount[account=" + account + ", apiKey=***]";
    }
}
