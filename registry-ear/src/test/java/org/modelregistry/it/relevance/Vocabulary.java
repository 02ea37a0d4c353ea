package org.modelregistry.it.relevance;

import java.util.List;

/**
 * The words the relevance set is generated from: per domain, the teams (groups) that own its models, the model
 * families and training data they use, and its tasks. A task holds the ways a model card would say what the model
 * does (verb phrases), what it returns, the stems of model names, its tags, and the query a user would type to find
 * it, written on purpose with other words than the model cards (checked by {@link RelevanceSet#sharedWords}).
 */
final class Vocabulary {

    private Vocabulary() {}

    /** A model family: how a card names it, the short form used in model names, its framework (metadata). */
    record Family(String label, String abbreviation, String framework) {}

    /** Training data: how a card names it, and its slug (metadata). */
    record Source(String label, String slug) {}

    record Task(
            String key,
            List<String> nameStems,
            List<String> phrases,
            List<String> outputs,
            List<String> tags,
            String query) {}

    record Domain(
            String key,
            List<String> groups,
            String metric,
            List<Family> families,
            List<Source> sources,
            List<Task> tasks) {}

    /** Sentences a model card may end with, about how the model is run rather than what it does. */
    static final List<String> NOTES = List.of(
            "Retrained monthly on a rolling window.",
            "Calibrated with isotonic regression.",
            "Exported to ONNX for serving.",
            "Evaluated on a held-out quarter.",
            "Shadow-deployed for two weeks before promotion.",
            "Features are versioned in the feature store.",
            "Latency budget: 50 ms at p99.",
            "Batch-scored nightly.",
            "");

    private static Family f(String label, String abbreviation, String framework) {
        return new Family(label, abbreviation, framework);
    }

    private static Source s(String label, String slug) {
        return new Source(label, slug);
    }

    private static Task t(
            String key, List<String> names, List<String> phrases, List<String> outputs, List<String> tags, String q) {
        return new Task(key, names, phrases, outputs, tags, q);
    }

    static final List<Domain> DOMAINS = List.of(
            new Domain(
                    "fraud",
                    List.of("payments-risk", "card-operations"),
                    "auc",
                    List.of(
                            f("gradient-boosted tree ensemble", "gbt", "xgboost"),
                            f("LightGBM classifier", "lgbm", "lightgbm"),
                            f("graph neural network", "gnn", "pytorch"),
                            f("isolation forest", "iforest", "scikit-learn"),
                            f("logistic regression", "logreg", "scikit-learn")),
                    List.of(
                            s("issuer authorization logs", "issuer-auth-logs"),
                            s("acquirer transaction history", "acquirer-txn"),
                            s("merchant settlement records", "settlement-records")),
                    List.of(
                            t(
                                    "card-fraud",
                                    List.of("cnp-fraud", "card-sentinel", "txn-fraud"),
                                    List.of(
                                            "flags fraudulent card-not-present transactions",
                                            "scores each card authorization for fraud risk",
                                            "detects unauthorized use of payment cards at e-commerce checkout"),
                                    List.of(
                                            "a fraud probability per authorization",
                                            "an approve, review or decline" + " recommendation"),
                                    List.of("fraud", "cards", "cnp"),
                                    "catch someone buying things on the internet with a stolen credit card"),
                            t(
                                    "chargebacks",
                                    List.of("chargeback-predictor", "dispute-forecaster"),
                                    List.of(
                                            "predicts which settled payments will end in a chargeback",
                                            "estimates dispute likelihood for settled sales",
                                            "ranks merchant sales by chargeback exposure"),
                                    List.of("a chargeback probability per sale", "a dispute risk band"),
                                    List.of("chargebacks", "disputes", "merchants"),
                                    "which purchases will the cardholder later contest with their bank"),
                            t(
                                    "aml",
                                    List.of("aml-monitor", "laundering-screen"),
                                    List.of(
                                            "monitors wire transfers for money-laundering patterns",
                                            "surfaces structuring and layering behaviour in account flows",
                                            "screens cross-border remittances for anti-money-laundering alerts"),
                                    List.of("alerts for compliance analysts", "a suspicious activity score"),
                                    List.of("aml", "compliance", "transfers"),
                                    "spot criminals hiding dirty cash through lots of tiny deposits"),
                            t(
                                    "account-takeover",
                                    List.of("ato-guard", "login-risk"),
                                    List.of(
                                            "detects account takeover attempts at sign-in",
                                            "scores login sessions for credential-stuffing risk",
                                            "flags hijacked customer accounts from device and session signals"),
                                    List.of("a step-up authentication trigger", "a takeover risk score"),
                                    List.of("account-takeover", "authentication", "sessions"),
                                    "notice when a hacker breaks into a user's profile with a leaked password"),
                            t(
                                    "promo-abuse",
                                    List.of("promo-abuse", "bonus-abuse-detector"),
                                    List.of(
                                            "identifies abuse of sign-up bonuses and promotional codes",
                                            "links duplicate accounts that farm referral rewards",
                                            "detects coupon exploitation by multi-accounting"),
                                    List.of("linked account clusters", "an abuse probability"),
                                    List.of("promotions", "abuse", "referrals"),
                                    "people creating lots of fake profiles to grab welcome discounts"))),
            new Domain(
                    "credit",
                    List.of("lending-analytics", "credit-decisioning"),
                    "gini",
                    List.of(
                            f("gradient-boosted trees", "gbt", "xgboost"),
                            f("logistic regression scorecard", "scorecard", "scikit-learn"),
                            f("survival model", "survival", "lifelines"),
                            f("monotonic neural network", "mono-nn", "tensorflow"),
                            f("random forest", "rf", "scikit-learn")),
                    List.of(
                            s("bureau tradelines", "bureau-tradelines"),
                            s("loan performance history", "loan-performance"),
                            s("application forms and income statements", "applications")),
                    List.of(
                            t(
                                    "probability-of-default",
                                    List.of("pd-model", "default-scorer"),
                                    List.of(
                                            "estimates the probability of default on unsecured personal loans",
                                            "predicts twelve-month default for retail borrowers",
                                            "scores loan applicants on likelihood of non-repayment"),
                                    List.of("a probability of default", "a risk grade from A to G"),
                                    List.of("credit-risk", "default", "pd"),
                                    "chance someone never pays back the money they owe"),
                            t(
                                    "credit-limits",
                                    List.of("limit-optimizer", "credit-line-setter"),
                                    List.of(
                                            "recommends credit card limits for new accounts",
                                            "sets revolving credit lines based on affordability",
                                            "optimizes line increases for existing cardholders"),
                                    List.of("a recommended limit", "a line-increase decision"),
                                    List.of("credit-limits", "affordability", "revolving"),
                                    "how much spending headroom to give a client"),
                            t(
                                    "collections",
                                    List.of("collections-prioritizer", "delinquency-early-warning"),
                                    List.of(
                                            "prioritizes overdue accounts for collection calls",
                                            "predicts which borrowers will miss their next instalment",
                                            "flags early delinquency on mortgages and auto loans"),
                                    List.of("a roll-rate forecast", "a call-queue priority"),
                                    List.of("collections", "delinquency", "arrears"),
                                    "who is about to fall behind on repayments"),
                            t(
                                    "small-business",
                                    List.of("sme-credit", "business-loan-risk"),
                                    List.of(
                                            "assesses small-business loan applications from cash-flow data",
                                            "rates the creditworthiness of SMEs using bank statements",
                                            "scores working-capital advances to merchants"),
                                    List.of("an approval recommendation", "a creditworthiness grade"),
                                    List.of("sme", "business-lending"),
                                    "should we finance this bakery or startup"),
                            t(
                                    "loss-given-default",
                                    List.of("lgd-estimator", "recovery-rate"),
                                    List.of(
                                            "estimates loss given default for secured lending",
                                            "predicts recovery rates on written-off debt",
                                            "forecasts the collateral shortfall after foreclosure"),
                                    List.of("an expected loss percentage", "a recovery curve"),
                                    List.of("lgd", "recovery", "basel"),
                                    "what fraction we get back once a borrower goes bust"))),
            new Domain(
                    "churn",
                    List.of("customer-analytics", "retention-science"),
                    "auc",
                    List.of(
                            f("gradient-boosted trees", "gbt", "xgboost"),
                            f("survival analysis model", "survival", "lifelines"),
                            f("recurrent neural network", "rnn", "pytorch"),
                            f("uplift random forest", "uplift-rf", "causalml"),
                            f("logistic regression", "logreg", "scikit-learn")),
                    List.of(
                            s("subscriber usage records", "usage-records"),
                            s("billing and plan history", "billing-history"),
                            s("support contact logs", "contact-logs")),
                    List.of(
                            t(
                                    "telecom-churn",
                                    List.of("subscriber-churn", "telco-attrition"),
                                    List.of(
                                            "predicts mobile subscribers likely to cancel their contract",
                                            "scores postpaid lines for churn risk ahead of renewal",
                                            "identifies telecom customers at risk of porting their number"),
                                    List.of("a churn probability per line", "a renewal risk band"),
                                    List.of("churn", "telecom", "postpaid"),
                                    "stop phone users switching to a competing carrier"),
                            t(
                                    "saas-cancellation",
                                    List.of("saas-churn", "subscription-cancel"),
                                    List.of(
                                            "forecasts which software subscriptions will not renew",
                                            "detects declining engagement before a workspace cancels",
                                            "estimates cancellation risk for monthly subscribers"),
                                    List.of("a cancellation probability", "a health score per workspace"),
                                    List.of("churn", "saas", "subscriptions"),
                                    "which paying teams of our app are about to walk away"),
                            t(
                                    "retention-uplift",
                                    List.of("retention-uplift", "save-offer-targeter"),
                                    List.of(
                                            "estimates the causal effect of a retention offer on each customer",
                                            "targets save offers where they change the outcome",
                                            "ranks at-risk customers by incremental response to discounts"),
                                    List.of("an uplift score", "a treat or do-not-treat decision"),
                                    List.of("uplift", "retention", "offers"),
                                    "who to give a bargain so they stay with us"),
                            t(
                                    "bank-attrition",
                                    List.of("deposit-attrition", "bank-churn"),
                                    List.of(
                                            "predicts retail banking customers closing their current accounts",
                                            "flags savers moving deposits to another bank",
                                            "scores account holders for attrition within ninety days"),
                                    List.of("an attrition probability", "a list of holders to contact"),
                                    List.of("attrition", "banking", "deposits"),
                                    "people emptying their checking funds to go elsewhere"),
                            t(
                                    "player-churn",
                                    List.of("player-churn", "lapse-predictor"),
                                    List.of(
                                            "predicts players who will stop logging in to the game",
                                            "forecasts lapsed users of a mobile game from session telemetry",
                                            "scores daily active players for disengagement"),
                                    List.of("a lapse probability", "a re-engagement segment"),
                                    List.of("churn", "gaming", "engagement"),
                                    "gamers losing interest and quitting"))),
            new Domain(
                    "recommendation",
                    List.of("personalization", "discovery"),
                    "ndcg",
                    List.of(
                            f("two-tower retrieval network", "two-tower", "tensorflow"),
                            f("matrix factorization", "mf", "implicit"),
                            f("sequential transformer", "seq-tfm", "pytorch"),
                            f("LightGBM ranker", "lgbm-rank", "lightgbm"),
                            f("item-to-item collaborative filter", "item-cf", "spark")),
                    List.of(
                            s("clickstream events", "clickstream"),
                            s("purchase baskets", "baskets"),
                            s("watch and listen history", "play-history")),
                    List.of(
                            t(
                                    "product-recs",
                                    List.of("product-recs", "shop-recommender"),
                                    List.of(
                                            "recommends catalogue products to shoppers on the home page",
                                            "suggests complementary items for a basket",
                                            "ranks products a shopper is likely to buy next"),
                                    List.of("a ranked list of products", "ten candidates per slot"),
                                    List.of("recommendations", "ecommerce"),
                                    "show people stuff they might want to order"),
                            t(
                                    "video-recs",
                                    List.of("title-recs", "watch-next"),
                                    List.of(
                                            "recommends films and series to streaming subscribers",
                                            "picks the next episode or title to autoplay",
                                            "personalizes the rows of a video streaming home screen"),
                                    List.of("a ranked row of titles", "an autoplay candidate"),
                                    List.of("recommendations", "streaming", "video"),
                                    "what movie or show should I see tonight"),
                            t(
                                    "news-personalization",
                                    List.of("news-personalizer", "article-ranker"),
                                    List.of(
                                            "personalizes the order of news articles for each reader",
                                            "ranks breaking stories by predicted reader interest",
                                            "recommends related articles under a story"),
                                    List.of("a personalized front page", "related-article slots"),
                                    List.of("news", "personalization"),
                                    "tailor the headlines feed to each visitor's taste"),
                            t(
                                    "music-recs",
                                    List.of("playlist-continuation", "track-recs"),
                                    List.of(
                                            "continues playlists with tracks that fit their mood",
                                            "recommends songs and artists to listeners",
                                            "generates personalized radio stations from listening history"),
                                    List.of("a queue of tracks", "a station seed list"),
                                    List.of("music", "playlists"),
                                    "keep the tunes coming that match my vibe"),
                            t(
                                    "job-matching",
                                    List.of("job-matcher", "candidate-recs"),
                                    List.of(
                                            "matches job seekers with open vacancies",
                                            "recommends candidates to recruiters for a posting",
                                            "ranks job ads by fit to a seeker's profile"),
                                    List.of("a shortlist of vacancies", "a ranked candidate list"),
                                    List.of("jobs", "recruiting", "matching"),
                                    "suitable roles for someone hunting for employment"))),
            new Domain(
                    "sentiment",
                    List.of("text-analytics", "voice-of-customer"),
                    "f1",
                    List.of(
                            f("fine-tuned DistilBERT", "distilbert", "transformers"),
                            f("RoBERTa classifier", "roberta", "transformers"),
                            f("fastText classifier", "fasttext", "fasttext"),
                            f("BiLSTM with attention", "bilstm", "pytorch"),
                            f("lexicon-based scorer", "lexicon", "nltk")),
                    List.of(
                            s("product reviews", "product-reviews"),
                            s("social media posts", "social-posts"),
                            s("support tickets", "support-tickets")),
                    List.of(
                            t(
                                    "review-polarity",
                                    List.of("review-sentiment", "polarity-classifier"),
                                    List.of(
                                            "classifies product reviews as positive, negative or neutral",
                                            "scores the polarity of customer reviews",
                                            "labels star-rating text with sentiment"),
                                    List.of("a polarity label with confidence", "a sentiment score from -1 to 1"),
                                    List.of("sentiment", "reviews", "nlp"),
                                    "are shoppers happy or unhappy with what they bought"),
                            t(
                                    "social-emotion",
                                    List.of("tweet-emotion", "social-mood"),
                                    List.of(
                                            "detects emotions such as anger, joy and fear in short social posts",
                                            "tags microblog messages with emotion categories",
                                            "measures public mood around a brand on social networks"),
                                    List.of("emotion labels per post", "a daily mood index"),
                                    List.of("emotion", "social-media", "nlp"),
                                    "how do people feel about our company on twitter"),
                            t(
                                    "ticket-tone",
                                    List.of("ticket-tone", "escalation-detector"),
                                    List.of(
                                            "detects frustrated customers in support tickets",
                                            "scores the tone of helpdesk messages for escalation",
                                            "flags angry emails that need a supervisor"),
                                    List.of("an escalation flag", "a frustration score"),
                                    List.of("tone", "support", "escalation"),
                                    "find irritated clients writing to customer service"),
                            t(
                                    "aspect-sentiment",
                                    List.of("aspect-sentiment", "hotel-aspects"),
                                    List.of(
                                            "extracts opinions on aspects such as price, cleanliness and staff from"
                                                    + " hotel reviews",
                                            "links each sentiment to the product feature it is about",
                                            "summarizes praise and complaints per aspect"),
                                    List.of("aspect and polarity pairs", "a per-aspect summary"),
                                    List.of("aspects", "opinions", "hospitality"),
                                    "what guests liked or disliked about rooms, food and service"),
                            t(
                                    "financial-sentiment",
                                    List.of("finance-sentiment", "earnings-tone"),
                                    List.of(
                                            "scores the tone of earnings-call transcripts",
                                            "classifies financial headlines as bullish or bearish",
                                            "measures market sentiment in analyst reports"),
                                    List.of("a bullish or bearish label", "a tone index per company"),
                                    List.of("finance", "markets", "sentiment"),
                                    "is the press optimistic or pessimistic about a stock"))),
            new Domain(
                    "translation",
                    List.of("localization", "language-services"),
                    "bleu",
                    List.of(
                            f("transformer encoder-decoder", "tfm", "fairseq"),
                            f("MarianMT model", "marian", "transformers"),
                            f("mBART fine-tune", "mbart", "transformers"),
                            f("NLLB distillation", "nllb", "transformers"),
                            f("phrase-based statistical system", "smt", "moses")),
                    List.of(
                            s("parallel corpora", "parallel-corpora"),
                            s("translation memories", "translation-memory"),
                            s("back-translated web text", "backtranslated-web")),
                    List.of(
                            t(
                                    "european-mt",
                                    List.of("en-de-mt", "euro-translator"),
                                    List.of(
                                            "translates English text into German and French",
                                            "machine translation between major European languages",
                                            "converts news copy from English to Spanish and Italian"),
                                    List.of("translated text with alignment", "a translation per segment"),
                                    List.of("translation", "german", "french"),
                                    "put a paragraph I wrote into german"),
                            t(
                                    "ui-localization",
                                    List.of("ui-localizer", "string-l10n"),
                                    List.of(
                                            "localizes software interface strings with placeholders preserved",
                                            "adapts app menus and buttons into thirty locales",
                                            "machine-translates product UI resource files"),
                                    List.of("resource bundles per locale", "translated strings for review"),
                                    List.of("localization", "l10n", "ui"),
                                    "make our website readable for visitors abroad"),
                            t(
                                    "legal-translation",
                                    List.of("legal-mt", "patent-translator"),
                                    List.of(
                                            "translates contracts and patent filings with terminology control",
                                            "domain-adapted translation for legal documents",
                                            "renders court rulings between Japanese and English"),
                                    List.of("a draft for a sworn translator", "terminology-checked output"),
                                    List.of("legal", "patents", "translation"),
                                    "convert a lawsuit from tokyo so our attorneys understand it"),
                            t(
                                    "chat-translation",
                                    List.of("chat-translator", "support-chat-mt"),
                                    List.of(
                                            "translates live customer chats in real time",
                                            "bridges conversations between agents and users who speak different"
                                                    + " languages",
                                            "low-latency translation of instant messages"),
                                    List.of("translated messages within 200 ms", "a bilingual transcript"),
                                    List.of("chat", "realtime", "translation"),
                                    "let our helpdesk reply to people abroad in their own tongue"),
                            t(
                                    "low-resource-mt",
                                    List.of("low-resource-mt", "swahili-translator"),
                                    List.of(
                                            "translation for low-resource languages such as Swahili, Yoruba and"
                                                    + " Amharic",
                                            "serves African and South Asian languages with little parallel data",
                                            "multilingual translation covering two hundred languages"),
                                    List.of("translations with a quality estimate", "a translation per sentence"),
                                    List.of("multilingual", "low-resource"),
                                    "understand writing in rare tongues that few people use"))),
            new Domain(
                    "speech",
                    List.of("voice-platform", "contact-centre"),
                    "wer",
                    List.of(
                            f("conformer network", "conformer", "nemo"),
                            f("wav2vec 2.0 fine-tune", "wav2vec", "transformers"),
                            f("convolutional recurrent network", "crnn", "pytorch"),
                            f("transformer", "tfm", "pytorch")),
                    List.of(
                            s("call-centre recordings", "call-recordings"),
                            s("read-speech corpora", "read-speech"),
                            s("far-field voice commands", "far-field-audio")),
                    List.of(
                            t(
                                    "transcription",
                                    List.of("call-transcriber", "asr-en"),
                                    List.of(
                                            "transcribes telephone conversations into text",
                                            "automatic speech recognition for contact-centre audio",
                                            "converts spoken dialogue into timestamped transcripts"),
                                    List.of("word-level timestamps", "a transcript with confidences"),
                                    List.of("asr", "speech-to-text"),
                                    "write down what people say on the phone"),
                            t(
                                    "wake-word",
                                    List.of("wake-word", "keyword-spotter"),
                                    List.of(
                                            "spots a wake word on low-power devices",
                                            "detects spoken keywords such as hey assistant",
                                            "always-on keyword spotting for smart speakers"),
                                    List.of("a trigger event", "a keyword posterior per frame"),
                                    List.of("wake-word", "keyword-spotting", "edge"),
                                    "notice when someone utters the activation phrase to a gadget"),
                            t(
                                    "speaker-verification",
                                    List.of("voice-biometrics", "speaker-verify"),
                                    List.of(
                                            "verifies a caller's identity from their voiceprint",
                                            "speaker verification for passive voice authentication",
                                            "matches a voice against an enrolled speaker embedding"),
                                    List.of("an accept or reject decision", "a similarity score"),
                                    List.of("biometrics", "speaker-verification"),
                                    "confirm who is talking just by how they sound"),
                            t(
                                    "text-to-speech",
                                    List.of("tts-voice", "speech-synthesizer"),
                                    List.of(
                                            "synthesizes natural-sounding speech from text",
                                            "generates spoken audio for announcements and IVR prompts",
                                            "text-to-speech with neural vocoding"),
                                    List.of("24 kHz audio", "a waveform per utterance"),
                                    List.of("tts", "synthesis"),
                                    "read written answers aloud in a humanlike way"),
                            t(
                                    "diarization",
                                    List.of("diarizer", "who-spoke-when"),
                                    List.of(
                                            "segments multi-party recordings by speaker",
                                            "answers who spoke when in meeting audio",
                                            "clusters speaker turns in conference calls"),
                                    List.of("speaker-labelled segments", "an RTTM file"),
                                    List.of("diarization", "meetings"),
                                    "tell apart the different people in a group chat tape"))),
            new Domain(
                    "medical-imaging",
                    List.of("radiology-ai", "clinical-imaging"),
                    "sensitivity",
                    List.of(
                            f("ResNet-50 classifier", "resnet50", "pytorch"),
                            f("U-Net segmentation network", "unet", "monai"),
                            f("vision transformer", "vit", "pytorch"),
                            f("EfficientNet-B4", "effnet", "tensorflow"),
                            f("DenseNet-121", "densenet", "pytorch")),
                    List.of(
                            s("de-identified hospital scans", "hospital-scans"),
                            s("public challenge datasets", "challenge-data"),
                            s("radiologist-annotated studies", "annotated-studies")),
                    List.of(
                            t(
                                    "chest-xray",
                                    List.of("cxr-pneumonia", "chest-xray-triage"),
                                    List.of(
                                            "detects pneumonia on chest radiographs",
                                            "triages chest X-rays for lung opacities",
                                            "classifies thoracic radiographs as normal or abnormal"),
                                    List.of("a finding probability with a heatmap", "a triage priority"),
                                    List.of("radiology", "chest", "xray"),
                                    "spot a lung infection on a ribcage picture"),
                            t(
                                    "retinopathy",
                                    List.of("retinopathy-grader", "fundus-screen"),
                                    List.of(
                                            "grades diabetic retinopathy from fundus photographs",
                                            "screens retinal images for referable disease",
                                            "detects microaneurysms and haemorrhages in the retina"),
                                    List.of("a severity grade from 0 to 4", "a refer or rescreen decision"),
                                    List.of("ophthalmology", "retina"),
                                    "check the eyes of people with high blood sugar for vision loss"),
                            t(
                                    "brain-tumour",
                                    List.of("brain-tumor-seg", "glioma-segmenter"),
                                    List.of(
                                            "segments glioma sub-regions on multi-sequence MRI",
                                            "outlines brain tumours in magnetic resonance volumes",
                                            "delineates lesions in the brain for radiotherapy planning"),
                                    List.of("a voxel mask per sub-region", "tumour volumes in millilitres"),
                                    List.of("neuro", "segmentation", "mri"),
                                    "trace cancer in the head on mri pictures"),
                            t(
                                    "skin-lesion",
                                    List.of("melanoma-detector", "derm-classifier"),
                                    List.of(
                                            "classifies dermoscopic images of skin lesions",
                                            "estimates melanoma risk from mole photos",
                                            "triages suspicious pigmented lesions for dermatology referral"),
                                    List.of("a malignancy probability", "a referral priority"),
                                    List.of("dermatology", "melanoma"),
                                    "is this dark spot on my arm cancerous"),
                            t(
                                    "fracture",
                                    List.of("fracture-finder", "msk-xray"),
                                    List.of(
                                            "finds fractures on musculoskeletal radiographs",
                                            "detects broken bones in wrist and hip X-rays",
                                            "flags subtle fractures in emergency department imaging"),
                                    List.of("bounding boxes around findings", "a fracture probability"),
                                    List.of("musculoskeletal", "fracture", "xray"),
                                    "did the patient crack a bone after falling"))),
            new Domain(
                    "forecasting",
                    List.of("supply-planning", "forecasting-lab"),
                    "mape",
                    List.of(
                            f("LightGBM regressor", "lgbm", "lightgbm"),
                            f("temporal fusion transformer", "tft", "pytorch-forecasting"),
                            f("DeepAR network", "deepar", "gluonts"),
                            f("Prophet model", "prophet", "prophet"),
                            f("SARIMA baseline", "sarima", "statsmodels")),
                    List.of(
                            s("point-of-sale history", "pos-history"),
                            s("hourly meter readings", "meter-readings"),
                            s("weather and calendar features", "weather-calendar")),
                    List.of(
                            t(
                                    "retail-demand",
                                    List.of("sku-forecaster", "store-demand"),
                                    List.of(
                                            "forecasts weekly unit sales per SKU and store",
                                            "predicts product demand for replenishment orders",
                                            "projects store-level sales for the next eight weeks"),
                                    List.of("quantiles per SKU and week", "an order proposal"),
                                    List.of("forecasting", "retail", "replenishment"),
                                    "how many items will each shop sell so we can restock shelves"),
                            t(
                                    "electricity-load",
                                    List.of("load-forecaster", "grid-demand"),
                                    List.of(
                                            "forecasts hourly electricity load for a utility",
                                            "predicts power consumption on the grid a day ahead",
                                            "estimates peak demand for energy trading"),
                                    List.of("an hourly load curve", "peak estimates with intervals"),
                                    List.of("energy", "load", "utilities"),
                                    "expected megawatts needed by the city tomorrow"),
                            t(
                                    "contact-volume",
                                    List.of("contact-volume", "staffing-forecast"),
                                    List.of(
                                            "forecasts inbound call volume in fifteen-minute intervals",
                                            "predicts contact-centre workload for staff scheduling",
                                            "projects ticket and chat arrivals for workforce planning"),
                                    List.of("arrivals per interval", "required headcount per shift"),
                                    List.of("workforce", "contact-centre"),
                                    "how many agents to roster on the phones later this month"),
                            t(
                                    "ride-demand",
                                    List.of("ride-demand", "zone-demand"),
                                    List.of(
                                            "predicts ride requests per city zone every ten minutes",
                                            "forecasts trip demand for driver repositioning",
                                            "estimates taxi pickups by area and hour"),
                                    List.of("requests per zone and interval", "a repositioning heatmap"),
                                    List.of("mobility", "rides"),
                                    "where will lots of passengers want a lift soon"),
                            t(
                                    "spare-parts",
                                    List.of("spare-parts-forecast", "intermittent-demand"),
                                    List.of(
                                            "forecasts intermittent demand for spare parts",
                                            "predicts slow-moving inventory requirements",
                                            "estimates service-part consumption across depots"),
                                    List.of("reorder points per depot", "a demand distribution per part"),
                                    List.of("inventory", "service-parts"),
                                    "how many replacement components to keep in the warehouse"))),
            new Domain(
                    "maintenance",
                    List.of("asset-reliability", "industrial-iot"),
                    "recall",
                    List.of(
                            f("1D convolutional network", "cnn1d", "tensorflow"),
                            f("LSTM sequence model", "lstm", "pytorch"),
                            f("gradient-boosted trees", "gbt", "xgboost"),
                            f("autoencoder", "autoencoder", "pytorch"),
                            f("random survival forest", "rsf", "scikit-survival")),
                    List.of(
                            s("vibration sensor streams", "vibration-streams"),
                            s("SCADA telemetry", "scada"),
                            s("maintenance work orders", "work-orders")),
                    List.of(
                            t(
                                    "bearing-fault",
                                    List.of("bearing-fault", "vibration-diagnoser"),
                                    List.of(
                                            "diagnoses bearing faults from vibration spectra",
                                            "classifies rolling-element defects in rotating machinery",
                                            "detects outer-race and inner-race wear from accelerometer signals"),
                                    List.of("a fault class per bearing", "a severity index"),
                                    List.of("vibration", "bearings", "condition-monitoring"),
                                    "hear a motor starting to go bad before it seizes"),
                            t(
                                    "remaining-life",
                                    List.of("rul-estimator", "engine-life"),
                                    List.of(
                                            "estimates remaining useful life of turbofan engines",
                                            "predicts cycles left before an aircraft engine needs overhaul",
                                            "forecasts degradation of gas turbines"),
                                    List.of("remaining cycles with an interval", "an overhaul date"),
                                    List.of("rul", "aviation", "prognostics"),
                                    "how many flights until the plane's jet has to be serviced"),
                            t(
                                    "equipment-anomaly",
                                    List.of("pump-anomaly", "compressor-monitor"),
                                    List.of(
                                            "detects anomalies in pump and compressor telemetry",
                                            "flags unusual pressure and temperature readings on process equipment",
                                            "unsupervised anomaly detection for industrial assets"),
                                    List.of("an anomaly score per asset", "alerts for the control room"),
                                    List.of("anomaly-detection", "pumps", "compressors"),
                                    "alert me when plant machines behave strangely"),
                            t(
                                    "wind-turbine",
                                    List.of("gearbox-health", "turbine-failure"),
                                    List.of(
                                            "predicts gearbox failures in wind turbines",
                                            "scores wind farm assets for imminent component failure",
                                            "forecasts generator and gearbox breakdowns from SCADA data"),
                                    List.of("a failure probability per turbine", "a ranked inspection list"),
                                    List.of("wind", "renewables", "gearbox"),
                                    "which windmills are going to stop working soon"),
                            t(
                                    "railway",
                                    List.of("railway-point-failure", "track-defect"),
                                    List.of(
                                            "predicts failures of railway switches from motor current",
                                            "anticipates points machine faults on the rail network",
                                            "schedules inspections of track assets by failure risk"),
                                    List.of("a failure risk per switch", "an inspection schedule"),
                                    List.of("rail", "infrastructure"),
                                    "keep trains moving by fixing junctions before they jam"))),
            new Domain(
                    "document-ai",
                    List.of("document-ai", "back-office-automation"),
                    "field-accuracy",
                    List.of(
                            f("LayoutLMv3 model", "layoutlm", "transformers"),
                            f("CRNN text recognizer", "crnn", "paddleocr"),
                            f("Donut vision encoder-decoder", "donut", "transformers"),
                            f("Tesseract pipeline with a field classifier", "tesseract", "tesseract"),
                            f("graph-based key-value extractor", "kv-graph", "pytorch")),
                    List.of(
                            s("scanned invoices", "scanned-invoices"),
                            s("mobile phone photos of paperwork", "mobile-captures"),
                            s("archived PDF forms", "pdf-forms")),
                    List.of(
                            t(
                                    "invoice-extraction",
                                    List.of("invoice-extractor", "ap-capture"),
                                    List.of(
                                            "extracts vendor, totals and line items from supplier invoices",
                                            "reads invoice fields for accounts-payable automation",
                                            "captures tax amounts and due dates from bills"),
                                    List.of("structured JSON per invoice", "fields with confidences"),
                                    List.of("ocr", "invoices", "accounts-payable"),
                                    "figure out how much we owe and to whom from a seller's statement"),
                            t(
                                    "handwriting",
                                    List.of("handwriting-reader", "form-digitizer"),
                                    List.of(
                                            "recognizes handwritten entries on paper forms",
                                            "digitizes cursive handwriting in application forms",
                                            "transcribes hand-filled boxes into structured fields"),
                                    List.of("text per field", "a character-level confidence"),
                                    List.of("ocr", "handwriting", "forms"),
                                    "turn pen scribbles into typed characters"),
                            t(
                                    "receipts",
                                    List.of("receipt-reader", "expense-scanner"),
                                    List.of(
                                            "reads merchant, date and total from shopping receipts",
                                            "parses expense receipts photographed with a phone",
                                            "itemizes till slips for expense claims"),
                                    List.of("an expense line per receipt", "items with prices"),
                                    List.of("ocr", "receipts", "expenses"),
                                    "log my lunch costs from a crumpled ticket from the cafe"),
                            t(
                                    "identity-documents",
                                    List.of("id-reader", "passport-mrz"),
                                    List.of(
                                            "reads the machine-readable zone of passports",
                                            "extracts name and birth date from identity cards",
                                            "parses driving licences for customer onboarding"),
                                    List.of("holder details with check digits", "a parsed MRZ"),
                                    List.of("ocr", "kyc", "identity"),
                                    "capture someone's travel papers when they check in"),
                            t(
                                    "mail-classification",
                                    List.of("doc-classifier", "mailroom-sorter"),
                                    List.of(
                                            "sorts incoming mail scans into document types",
                                            "classifies pages as contracts, letters or statements",
                                            "routes scanned correspondence to the right team"),
                                    List.of("a document type per page", "a routing decision"),
                                    List.of("classification", "mailroom"),
                                    "what category each arriving envelope belongs to"))),
            new Domain(
                    "cyber",
                    List.of("security-analytics", "soc-automation"),
                    "precision",
                    List.of(
                            f("gradient-boosted trees", "gbt", "xgboost"),
                            f("autoencoder", "autoencoder", "pytorch"),
                            f("transformer over byte sequences", "byte-tfm", "pytorch"),
                            f("random forest", "rf", "scikit-learn"),
                            f("graph neural network", "gnn", "pytorch-geometric")),
                    List.of(
                            s("NetFlow records", "netflow"),
                            s("endpoint telemetry", "endpoint-telemetry"),
                            s("mail gateway logs", "mail-gateway")),
                    List.of(
                            t(
                                    "network-intrusion",
                                    List.of("nids", "intrusion-detector"),
                                    List.of(
                                            "detects intrusions in network flow records",
                                            "classifies traffic as benign or as a known attack",
                                            "flags port scans, brute force and lateral movement"),
                                    List.of("an alert per suspicious flow", "an attack class"),
                                    List.of("intrusion-detection", "network-security"),
                                    "notice hackers sneaking into our corporate systems"),
                            t(
                                    "malware",
                                    List.of("malware-classifier", "binary-scanner"),
                                    List.of(
                                            "classifies executables as malicious or clean",
                                            "assigns malware families to Windows binaries",
                                            "static analysis of PE files for ransomware"),
                                    List.of("a verdict per file", "a family label"),
                                    List.of("malware", "endpoint"),
                                    "is this downloaded program a virus"),
                            t(
                                    "phishing",
                                    List.of("phishing-detector", "email-threat"),
                                    List.of(
                                            "detects phishing emails and credential-harvesting links",
                                            "scores inbound messages for impersonation and spoofing",
                                            "flags business email compromise attempts"),
                                    List.of("a quarantine decision", "a threat score per message"),
                                    List.of("phishing", "email-security"),
                                    "catch scam notes pretending to come from our bank"),
                            t(
                                    "c2-detection",
                                    List.of("dns-tunnel", "c2-beacon"),
                                    List.of(
                                            "detects DNS tunnelling and data exfiltration",
                                            "identifies command-and-control beaconing from infected hosts",
                                            "spots botnet callbacks in resolver logs"),
                                    List.of("an alert per suspicious host", "a beaconing score"),
                                    List.of("dns", "botnet", "exfiltration"),
                                    "find compromised laptops secretly phoning home to attackers"),
                            t(
                                    "insider-threat",
                                    List.of("insider-threat", "ueba"),
                                    List.of(
                                            "scores employees for insider threat from access patterns",
                                            "detects unusual user behaviour such as mass downloads",
                                            "flags privilege misuse by staff"),
                                    List.of("a risk score per user", "a case for investigators"),
                                    List.of("ueba", "insider-risk"),
                                    "a worker stealing company files before quitting"))),
            new Domain(
                    "visual-inspection",
                    List.of("manufacturing-vision", "factory-quality"),
                    "map",
                    List.of(
                            f("YOLOv8 detector", "yolo", "ultralytics"),
                            f("PatchCore anomaly model", "patchcore", "anomalib"),
                            f("ResNet classifier", "resnet", "pytorch"),
                            f("Mask R-CNN", "maskrcnn", "detectron2"),
                            f("EfficientAD", "efficientad", "anomalib")),
                    List.of(
                            s("line-scan camera images", "line-scan"),
                            s("inspection station photos", "station-photos"),
                            s("labelled defect libraries", "defect-library")),
                    List.of(
                            t(
                                    "pcb-inspection",
                                    List.of("pcb-inspector", "solder-joint-check"),
                                    List.of(
                                            "inspects printed circuit boards for solder bridges and missing components",
                                            "finds defective solder joints in AOI images",
                                            "classifies board assembly defects after reflow"),
                                    List.of("defect boxes per board", "a pass or fail verdict"),
                                    List.of("pcb", "aoi", "electronics"),
                                    "spot faulty gadget motherboards before they ship"),
                            t(
                                    "surface-defects",
                                    List.of("surface-defect", "steel-strip-inspector"),
                                    List.of(
                                            "detects scratches, dents and pits on steel strip",
                                            "segments surface defects on rolled metal",
                                            "flags coating flaws on painted panels"),
                                    List.of("a defect map per coil", "defect classes with positions"),
                                    List.of("steel", "surface-inspection"),
                                    "find marks and damage on sheet iron in the mill"),
                            t(
                                    "weld-inspection",
                                    List.of("weld-inspector", "seam-checker"),
                                    List.of(
                                            "assesses weld seams for porosity and cracks",
                                            "classifies welding quality from seam images",
                                            "detects incomplete fusion in robotic welds"),
                                    List.of("a quality grade per seam", "crack locations"),
                                    List.of("welding", "quality"),
                                    "make sure joined steel parts are bonded properly"),
                            t(
                                    "textile-inspection",
                                    List.of("fabric-flaw", "textile-inspector"),
                                    List.of(
                                            "finds weaving flaws in fabric rolls",
                                            "detects holes, stains and broken threads in textiles",
                                            "grades cloth quality on the loom"),
                                    List.of("flaw positions per roll", "a roll grade"),
                                    List.of("textiles", "fabric"),
                                    "catch snags in cotton material during production"),
                            t(
                                    "packaging-inspection",
                                    List.of("label-verifier", "package-inspector"),
                                    List.of(
                                            "verifies labels and seals on consumer packaging",
                                            "detects misprinted or missing labels on bottles",
                                            "checks cap placement and fill level on a bottling line"),
                                    List.of("a reject signal per unit", "a label verdict"),
                                    List.of("packaging", "labels"),
                                    "make sure every jar leaving the plant has the right sticker"))),
            new Domain(
                    "agriculture",
                    List.of("agronomy-ai", "farm-analytics"),
                    "accuracy",
                    List.of(
                            f("MobileNet classifier", "mobilenet", "tensorflow-lite"),
                            f("random forest regressor", "rf", "scikit-learn"),
                            f("U-Net on satellite tiles", "unet", "pytorch"),
                            f("gradient-boosted trees", "gbt", "xgboost"),
                            f("LSTM", "lstm", "keras")),
                    List.of(
                            s("drone imagery", "drone-imagery"),
                            s("satellite time series", "satellite-series"),
                            s("field sensor logs", "field-sensors")),
                    List.of(
                            t(
                                    "crop-disease",
                                    List.of("leaf-disease", "crop-doctor"),
                                    List.of(
                                            "identifies plant diseases from leaf photographs",
                                            "detects blight and rust on crop foliage",
                                            "classifies leaf spots for agronomists in the field"),
                                    List.of("a disease label with a treatment hint", "a severity estimate"),
                                    List.of("plant-health", "crops"),
                                    "what is wrong with my tomato plant's leaves"),
                            t(
                                    "yield",
                                    List.of("yield-forecaster", "harvest-estimator"),
                                    List.of(
                                            "predicts grain yield per hectare before harvest",
                                            "estimates crop output from satellite vegetation indices",
                                            "forecasts tonnage for wheat and maize fields"),
                                    List.of("tonnes per hectare", "a yield map"),
                                    List.of("yield", "crops"),
                                    "how much corn will the farm produce this season"),
                            t(
                                    "irrigation",
                                    List.of("irrigation-planner", "soil-moisture"),
                                    List.of(
                                            "schedules irrigation from soil moisture and weather",
                                            "predicts water needs of orchards and vineyards",
                                            "estimates field dryness to plan watering"),
                                    List.of("an irrigation schedule", "millimetres to apply per block"),
                                    List.of("irrigation", "water"),
                                    "when should I turn on the sprinklers for my vines"),
                            t(
                                    "weeds",
                                    List.of("weed-spotter", "precision-sprayer"),
                                    List.of(
                                            "detects weeds among crop rows for targeted spraying",
                                            "segments unwanted vegetation in drone imagery",
                                            "guides precision herbicide application"),
                                    List.of("a spray map", "weed masks per frame"),
                                    List.of("weeds", "precision-agriculture"),
                                    "tell the tractor where the unwanted plants are"),
                            t(
                                    "livestock",
                                    List.of("cattle-monitor", "livestock-health"),
                                    List.of(
                                            "monitors cattle behaviour from collar accelerometers",
                                            "detects lameness and illness in dairy cows",
                                            "flags heat and calving events in herds"),
                                    List.of("alerts per animal", "a daily health score"),
                                    List.of("livestock", "dairy"),
                                    "know when a cow is sick before the vet sees it"))));
}
