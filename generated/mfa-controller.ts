/**
 * GENERATED FILE: do not edit. Source: spec/mfa-controller.yaml.
 * Regenerate with `npm run generate`; `npm test` fails when this file is stale.
 */
export interface paths {
    "/mfa/token/send": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a one-time code
         * @description Creates a one-time code for the identity and delivers it on the chosen channel.
         */
        post: operations["createSendToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mfa/{method}/poll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check a pending verification
         * @description Reports where a verification started earlier with the given method stands.
         */
        post: operations["pingVerificationStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mfa/duo-web/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify a Duo Web response
         * @description Checks the signed response the Duo Web prompt returned for the identity.
         */
        post: operations["sendDuoVerifyRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mfa/kba/authenticate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answer knowledge-based questions
         * @description Checks the identity's answers to its configured challenge questions.
         */
        post: operations["sendKbaAnswers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mfa/okta-verify/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start an Okta Verify push
         * @description Sends an Okta Verify push to the identity. The caller's IP address must travel in a `slpt-forwarding` request header (stated in prose only; no parameter declares it).
         */
        post: operations["sendOktaVerifyRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mfa/token/authenticate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check a one-time code
         * @description Checks a code delivered by the send operation, by alias and delivery type.
         */
        post: operations["sendTokenAuthRequest"];
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
        /** Duo Verification Request */
        DuoVerificationRequest: {
            /**
             * @description The identity the Duo prompt was shown for.
             * @example 7d3c1b2a9e8f4a6b5c4d3e2f1a0b9c8d
             */
            userId: string;
            /**
             * @description The AUTH and APP signed pair returned by the Duo Web prompt.
             * @example AUTH|YWRhfERJWFh8MTg5MzQ1NjAwMA==|0a1b2c3d:APP|YWRhfERJWFh8MTg5MzQ1OTYwMA==|76543210
             */
            signedResponse: string;
        };
        /** Error Message Dto */
        ErrorMessageDto: {
            /**
             * @description BCP 47 tag of the language the text is in.
             * @example en-US
             */
            locale?: string | null;
            localeOrigin?: components["schemas"]["LocaleOrigin"];
            /**
             * @description The message, in that language.
             * @example The request body is not valid.
             */
            text?: string;
        };
        /** Error Response Dto */
        ErrorResponseDto: {
            /**
             * @description A finer-grained code for the error.
             * @example 400.1 Bad Request Content
             */
            detailCode?: string;
            /**
             * @description An id to quote when asking SailPoint about this error.
             * @example 0f1e2d3c4b5a49687766554433221100
             */
            trackingId?: string;
            /** @description The reason, localised. */
            messages?: components["schemas"]["ErrorMessageDto"][];
            /** @description Further plain-text detail behind the messages. */
            causes?: components["schemas"]["ErrorMessageDto"][];
        };
        /** Kba Answer Request Item */
        KbaAnswerRequestItem: {
            /**
             * @description The question being answered.
             * @example q-first-pet
             */
            id: string;
            /**
             * @description The identity's answer to it.
             * @example Biscuit
             */
            answer: string;
        };
        /** Kba Auth Response */
        KbaAuthResponse: {
            /**
             * @example [
             *       {
             *         "questionId": "q-first-pet",
             *         "isVerified": true
             *       }
             *     ]
             */
            kbaAuthResponseItems?: components["schemas"]["KbaAuthResponseItem"][];
            /**
             * @description Overall outcome of the answers.
             * @example SUCCESS
             * @enum {string}
             */
            status?: "PENDING" | "SUCCESS" | "FAILED" | "LOCKOUT" | "NOT_ENOUGH_DATA";
        };
        /** Kba Auth Response Item */
        KbaAuthResponseItem: {
            /**
             * @description The question this verdict is for.
             * @example q-first-pet
             */
            questionId?: string | null;
            /**
             * @description Whether the answer was right.
             * @default null
             * @example true
             */
            isVerified: boolean | null;
        };
        /**
         * @description How the locale was chosen: DEFAULT for the system default, REQUEST for the best match to the request's Accept-Language. Further values may appear without notice.
         * @example REQUEST
         * @enum {string|null}
         */
        LocaleOrigin: "DEFAULT" | "REQUEST" | null;
        /** Okta Verification Request */
        OktaVerificationRequest: {
            /**
             * @description The value of the identity attribute that Okta maps users on.
             * @example ada.lovelace@example.org
             */
            userId: string;
        };
        /** Send Token Request */
        SendTokenRequest: {
            /**
             * @description The identity's alias (its account name).
             * @example ada.lovelace
             */
            userAlias: string;
            /**
             * @description The channel: SMS or voice to the personal or work phone, or e-mail to the work or personal address.
             * @example SMS_WORK
             * @enum {string}
             */
            deliveryType: "SMS_PERSONAL" | "VOICE_PERSONAL" | "SMS_WORK" | "VOICE_WORK" | "EMAIL_WORK" | "EMAIL_PERSONAL";
        };
        /** Send Token Response */
        SendTokenResponse: {
            /**
             * @description The id of this send.
             * @example 5b0f6c1e9d2a4c7f8e3b1a0d9c8b7a65
             */
            requestId?: string | null;
            /**
             * @description Whether the code went out.
             * @example SUCCESS
             * @enum {string}
             */
            status?: "SUCCESS" | "FAILED";
            /**
             * @description Why the code did not go out.
             * @example No work phone on record
             */
            errorMessage?: string | null;
        };
        /** Token Auth Request */
        TokenAuthRequest: {
            /**
             * @description The code the identity received.
             * @example 480913
             */
            token: string;
            /**
             * @description The identity's alias (its account name).
             * @example ada.lovelace
             */
            userAlias: string;
            /**
             * @description The channel: SMS or voice to the personal or work phone, or e-mail to the work or personal address.
             * @example SMS_WORK
             * @enum {string}
             */
            deliveryType: "SMS_PERSONAL" | "VOICE_PERSONAL" | "SMS_WORK" | "VOICE_WORK" | "EMAIL_WORK" | "EMAIL_PERSONAL";
        };
        /** Token Auth Response */
        TokenAuthResponse: {
            /**
             * @description Where the verification stands.
             * @example SUCCESS
             * @enum {string}
             */
            status?: "PENDING" | "SUCCESS" | "FAILED" | "LOCKOUT" | "NOT_ENOUGH_DATA";
        };
        /** Verification Poll Request */
        VerificationPollRequest: {
            /**
             * @description The request id a verify call returned.
             * @example 0e4d2c9a7b6f4e1d8c3a5b2f1e0d9c8b
             */
            requestId: string;
        };
        /** Verification Response */
        VerificationResponse: {
            /**
             * @description The id to poll this verification by.
             * @example 0e4d2c9a7b6f4e1d8c3a5b2f1e0d9c8b
             */
            requestId?: string | null;
            /**
             * @description Where the verification stands.
             * @example SUCCESS
             * @enum {string}
             */
            status?: "PENDING" | "SUCCESS" | "FAILED" | "LOCKOUT" | "NOT_ENOUGH_DATA";
            /**
             * @description Why the verification failed, when it did.
             * @example The push was denied
             */
            error?: string | null;
        };
    };
    responses: {
        /** @description The request was not acceptable (body, parameters or headers). */
        400: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponseDto"];
            };
        };
        /** @description No bearer token was sent, or the token is invalid or expired. */
        401: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    /**
                     * @description Why the token was refused.
                     * @example JWT validation failed: token has expired
                     */
                    error?: unknown;
                };
            };
        };
        /** @description The caller is known but may not use this operation. */
        403: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponseDto"];
            };
        };
        /** @description Too many requests in the current window. The Retry-After header says how many seconds to wait (stated in prose only; no header is declared). */
        429: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    /**
                     * @description Why the request was refused.
                     * @example Rate limit exceeded
                     */
                    message?: unknown;
                };
            };
        };
        /** @description The tenant failed while handling the request. */
        500: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponseDto"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    createSendToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "userAlias": "ada.lovelace",
                 *       "deliveryType": "SMS_WORK"
                 *     }
                 */
                "application/json": components["schemas"]["SendTokenRequest"];
            };
        };
        responses: {
            /** @description Whether the code went out. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "requestId": "5b0f6c1e9d2a4c7f8e3b1a0d9c8b7a65",
                     *       "status": "SUCCESS",
                     *       "errorMessage": null
                     *     }
                     */
                    "application/json": components["schemas"]["SendTokenResponse"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
        };
    };
    pingVerificationStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The MFA method the verification was started with. */
                method: "okta-verify" | "duo-web" | "kba" | "token" | "rsa";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "requestId": "0e4d2c9a7b6f4e1d8c3a5b2f1e0d9c8b"
                 *     }
                 */
                "application/json": components["schemas"]["VerificationPollRequest"];
            };
        };
        responses: {
            /** @description The state of the verification. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "requestId": "0e4d2c9a7b6f4e1d8c3a5b2f1e0d9c8b",
                     *       "status": "PENDING",
                     *       "error": null
                     *     }
                     */
                    "application/json": components["schemas"]["VerificationResponse"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
        };
    };
    sendDuoVerifyRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "userId": "7d3c1b2a9e8f4a6b5c4d3e2f1a0b9c8d",
                 *       "signedResponse": "AUTH|YWRhLmxvdmVsYWNlfERJWFhYWFhYWFhYWFhYWFhYWFh8MTg5MzQ1NjAwMA==|0a1b2c3d4e5f60718293a4b5c6d7e8f901234567:APP|YWRhLmxvdmVsYWNlfERJWFhYWFhYWFhYWFhYWFhYWFh8MTg5MzQ1OTYwMA==|76543210fedcba9876543210fedcba9876543210"
                 *     }
                 */
                "application/json": components["schemas"]["DuoVerificationRequest"];
            };
        };
        responses: {
            /** @description The outcome of the Duo check. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "requestId": "2f9e8d7c6b5a49382716a5b4c3d2e1f0",
                     *       "status": "SUCCESS",
                     *       "error": null
                     *     }
                     */
                    "application/json": components["schemas"]["VerificationResponse"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
        };
    };
    sendKbaAnswers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example [
                 *       {
                 *         "id": "q-first-pet",
                 *         "answer": "Biscuit"
                 *       },
                 *       {
                 *         "id": "q-birth-city",
                 *         "answer": "Lisbon"
                 *       }
                 *     ]
                 */
                "application/json": components["schemas"]["KbaAnswerRequestItem"][];
            };
        };
        responses: {
            /** @description Which answers were right, and the overall outcome. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "kbaAuthResponseItems": [
                     *         {
                     *           "questionId": "q-first-pet",
                     *           "isVerified": true
                     *         },
                     *         {
                     *           "questionId": "q-birth-city",
                     *           "isVerified": false
                     *         }
                     *       ],
                     *       "status": "FAILED"
                     *     }
                     */
                    "application/json": components["schemas"]["KbaAuthResponse"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
        };
    };
    sendOktaVerifyRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "userId": "ada.lovelace@example.org"
                 *     }
                 */
                "application/json": components["schemas"]["OktaVerificationRequest"];
            };
        };
        responses: {
            /** @description The push was started; poll its request id for the outcome. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "requestId": "9a8b7c6d5e4f40312a1b0c9d8e7f6a5b",
                     *       "status": "PENDING",
                     *       "error": null
                     *     }
                     */
                    "application/json": components["schemas"]["VerificationResponse"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
        };
    };
    sendTokenAuthRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "token": "480913",
                 *       "userAlias": "ada.lovelace",
                 *       "deliveryType": "SMS_WORK"
                 *     }
                 */
                "application/json": components["schemas"]["TokenAuthRequest"];
            };
        };
        responses: {
            /** @description The outcome of the code check. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "SUCCESS"
                     *     }
                     */
                    "application/json": components["schemas"]["TokenAuthResponse"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            429: components["responses"]["429"];
            500: components["responses"]["500"];
        };
    };
}
