// Imported for its effect: the partnerships module's English words join the app's when its pages load.
import { addEnglish } from '../../../web/i18n/index.ts';
import { en } from './i18n.ts';

addEnglish(en);
