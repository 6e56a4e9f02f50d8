/**
 * The seeded identity directory: faker with a fixed seed, so the same seed always gives the
 * same aliases, addresses and KBA answers. KBA answers are kept only as SHA-256 hex of the
 * normalised answer; the plaintext is kept beside it for the test-only `/__mock/identities`.
 */
import { createHash } from 'node:crypto';
import { en, Faker } from '@faker-js/faker';
import type { components } from '../../../generated/mfa-controller.ts';

export type DeliveryType = components['schemas']['SendTokenRequest']['deliveryType'];

/** Each delivery type's channel and the identity attribute it is sent to (DEFECTS.md). */
export const deliveryChannels: Record<
  DeliveryType,
  {
    channel: 'SMS' | 'VOICE' | 'EMAIL';
    attribute: 'workPhone' | 'personalPhone' | 'workEmail' | 'personalEmail';
  }
> = {
  SMS_PERSONAL: { channel: 'SMS', attribute: 'personalPhone' },
  VOICE_PERSONAL: { channel: 'VOICE', attribute: 'personalPhone' },
  SMS_WORK: { channel: 'SMS', attribute: 'workPhone' },
  VOICE_WORK: { channel: 'VOICE', attribute: 'workPhone' },
  EMAIL_WORK: { channel: 'EMAIL', attribute: 'workEmail' },
  EMAIL_PERSONAL: { channel: 'EMAIL', attribute: 'personalEmail' },
};

export interface KbaQuestion {
  id: string;
  question: string;
  /** Test-only: what `/__mock/identities` shows. The checks use `answerHash`. */
  answer: string;
  /** SHA-256 hex of the normalised answer. */
  answerHash: string;
}

export interface Identity {
  alias: string;
  /** 32-hex identity id, as ISC ids look. Duo verify's `userId`. */
  id: string;
  workEmail: string;
  personalEmail: string | null;
  workPhone: string | null;
  personalPhone: string | null;
  deliveryTypes: DeliveryType[];
  /** The attribute Okta maps users on (the work e-mail); Okta verify's `userId`. */
  oktaUserId: string;
  kba: KbaQuestion[];
}

/** Lower case, trimmed, inner whitespace collapsed: "  Lisbon " and "lisbon" are one answer. */
export function normaliseAnswer(answer: string): string {
  return answer.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function hashAnswer(answer: string): string {
  return createHash('sha256').update(normaliseAnswer(answer), 'utf8').digest('hex');
}

const questionPool: { id: string; question: string; answer: (faker: Faker) => string }[] = [
  {
    id: 'q-first-pet',
    question: 'What was the name of your first pet?',
    answer: (f) => f.animal.petName(),
  },
  {
    id: 'q-birth-city',
    question: 'In which city were you born?',
    answer: (f) => f.location.city(),
  },
  {
    id: 'q-first-car',
    question: 'What was the model of your first car?',
    answer: (f) => f.vehicle.model(),
  },
  {
    id: 'q-favourite-colour',
    question: 'What is your favourite colour?',
    answer: (f) => f.color.human(),
  },
  {
    id: 'q-school',
    question: 'What was the name of your first school?',
    answer: (f) => `${f.person.lastName()} School`,
  },
];

/**
 * Which optional attributes each identity has. The first two (the admin and user clients'
 * identities) have every channel; the next ones each lack one, so a test can provoke a
 * `FAILED` send; the rest are left to the seed.
 */
const layouts: { personalEmail: boolean; workPhone: boolean; personalPhone: boolean }[] = [
  { personalEmail: true, workPhone: true, personalPhone: true },
  { personalEmail: true, workPhone: true, personalPhone: true },
  { personalEmail: true, workPhone: true, personalPhone: false },
  { personalEmail: false, workPhone: true, personalPhone: true },
  { personalEmail: true, workPhone: false, personalPhone: true },
  { personalEmail: false, workPhone: false, personalPhone: false },
];

/** Makes `count` identities from `seed`; the same inputs always give the same directory. */
export function seedIdentities(seed: number, count: number): Identity[] {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);
  const identities: Identity[] = [];
  const aliases = new Set<string>();

  for (let index = 0; index < count; index += 1) {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    let alias = `${first}.${last}`.toLowerCase().replace(/[^a-z0-9.]/g, '');
    if (aliases.has(alias)) alias = `${alias}${index}`;
    aliases.add(alias);

    const layout = layouts[index] ?? {
      personalEmail: faker.datatype.boolean(),
      workPhone: faker.datatype.boolean(),
      personalPhone: faker.datatype.boolean(),
    };
    const phone = () => faker.phone.number({ style: 'international' });
    const workEmail = `${alias}@acme.example`;
    const identity: Identity = {
      alias,
      id: faker.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' }),
      workEmail,
      personalEmail: layout.personalEmail ? `${alias.replace('.', '_')}@mail.example` : null,
      workPhone: layout.workPhone ? phone() : null,
      personalPhone: layout.personalPhone ? phone() : null,
      deliveryTypes: [],
      oktaUserId: workEmail,
      kba: faker.helpers.arrayElements(questionPool, 3).map(({ id, question, answer }) => {
        const plain = answer(faker);
        return { id, question, answer: plain, answerHash: hashAnswer(plain) };
      }),
    };
    identity.deliveryTypes = (Object.keys(deliveryChannels) as DeliveryType[]).filter(
      (type) => identity[deliveryChannels[type].attribute] !== null,
    );
    identities.push(identity);
  }

  return identities;
}

/** Lookups over the seeded identities. */
export class Directory {
  readonly identities: Identity[];
  readonly #byAlias: Map<string, Identity>;
  readonly #byId: Map<string, Identity>;
  readonly #byOktaUserId: Map<string, Identity>;

  constructor(identities: Identity[]) {
    this.identities = identities;
    this.#byAlias = new Map(identities.map((identity) => [identity.alias, identity]));
    this.#byId = new Map(identities.map((identity) => [identity.id, identity]));
    this.#byOktaUserId = new Map(
      identities.map((identity) => [identity.oktaUserId.toLowerCase(), identity]),
    );
  }

  findByAlias(alias: string): Identity | undefined {
    return this.#byAlias.get(alias);
  }

  findById(id: string): Identity | undefined {
    return this.#byId.get(id);
  }

  /** Okta matches e-mail style ids case-insensitively. */
  findByOktaUserId(userId: string): Identity | undefined {
    return this.#byOktaUserId.get(userId.toLowerCase());
  }
}
