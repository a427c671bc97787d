// Cook Islands Māori words of the partnerships module, partial (see i18n.ts).
import type { Messages } from './i18n.ts';

export const rar: Messages = {
  'partnerships.title': 'Te au piri anga',
  'partnerships.new': 'Akamata i tetai piri anga',
  'partnerships.edit': 'Taui',
  'partnerships.reason': 'Tumu',
  'partnerships.list.all': 'Katoa',
  'partnerships.form.choose': 'Iki…',
  'partnerships.answer.yes': 'Ae',
  'partnerships.answer.no': 'Kare',
  'partnerships.places': 'Te au ngai',
  'partnerships.place': 'Ngai',
  // Committee decisions (issue 4 item 7).
  'partnerships.decisions.committee': 'Komiti',
  'partnerships.decisions.vote.approve': 'Ae',
  'partnerships.decisions.vote.decline': 'Kare',
  'partnerships.plan.actions': 'Te au angaanga',
  'partnerships.plan.actionStatus.done': 'Kua oti',
  'partnerships.agreement.remove': 'Akakore',
};
