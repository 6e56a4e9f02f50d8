/**
 * GENERATED FILE: do not edit. Source: spec/oauth-token.yaml.
 * Regenerate with `npm run generate`; `npm test` fails when this file is stale.
 */
export interface paths {
    "/oauth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get an access token
         * @description Client credentials grant. Real clients send the fields urlencoded, as multipart form data, or in the query string; all three are accepted.
         */
        post: operations["createOAuthToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        TokenRequest: {
            /** @enum {string} */
            grant_type: "client_credentials";
            client_id?: string;
            client_secret?: string;
        };
        TokenResponse: {
            /** @description A signed JWT. */
            access_token: string;
            /** @example bearer */
            token_type: string;
            /** @description Seconds until the token expires. */
            expires_in: number;
            /** @example sp:scopes:all */
            scope?: string;
            tenant_id?: string;
            pod?: string;
            strong_auth_supported?: boolean;
            org?: string;
            /** @description Only for tokens with a user behind them. */
            identity_id?: string;
            /** @description Only for tokens with a user behind them. */
            user_name?: string;
            /** @description Only for tokens with a user behind them. */
            user_id?: string;
            strong_auth?: boolean;
            jti?: string;
            internal?: boolean;
        };
        OAuthError: {
            /** @example invalid_client */
            error: string;
            /** @example Bad credentials */
            error_description?: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    createOAuthToken: {
        parameters: {
            query?: {
                grant_type?: "client_credentials";
                client_id?: string;
                client_secret?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["TokenRequest"];
                "multipart/form-data": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description A bearer token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            /** @description The grant was malformed or of an unsupported type. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthError"];
                };
            };
            /** @description The client credentials were refused. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthError"];
                };
            };
        };
    };
}
