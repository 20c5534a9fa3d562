import type { Strings } from '../../../i18n/en';
import type { en } from './en';

export const ar: Strings<typeof en> = {
  coordination: {
    title: 'التنسيق',
    intro: 'أدر أعضاء الشبكات التي تنسّقها.',
    noNetworks: 'لا تنسّق أي شبكة.',
    members: 'الأعضاء',
    invite: 'دعوة جهة اتصال',
    inviteIntro:
      'ادعُ جهة اتصال من دولة عضو إلى هذه الشبكة. توافق الأمانة على الدعوة ثم تُرسل إلى الشخص بالبريد الإلكتروني؛ ولا يُعرض الرابط هنا أبداً.',
    email: 'عنوان البريد الإلكتروني',
    authority: 'السلطة',
    chooseAuthority: 'اختر سلطة',
    submit: 'طلب الدعوة',
    awaitingApproval: 'دعوة {{email}} بانتظار موافقة الأمانة.',
    invitations: 'دعواتك',
    invitationsIntro:
      'حالة كل دعوة أرسلتها. تُرسل الدعوات الموافق عليها بالبريد الإلكتروني؛ ويمكنك إرسال رابط جديد يحل محل السابق.',
  },
};
