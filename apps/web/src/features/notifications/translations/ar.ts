import type { Strings } from '../../../i18n/en';
import type { en } from './en';

export const ar: Strings<typeof en> = {
  notifications: {
    title: 'الإشعارات',
    intro: 'ما جرى في شبكاتك وفي حسابك. يذكر الإشعار ما حدث ومن قام به، ولا يتضمن أبدًا محتوى أي رسالة.',
    bellLabel: 'الإشعارات (غير المقروءة: {{count}})',
    arrived: 'إشعار جديد: {{label}}',
    unreadMark: 'غير مقروء:',
    by: 'بواسطة {{name}}',
    none: 'لا توجد إشعارات بعد.',
    noneUnread: 'لا توجد إشعارات غير مقروءة.',
    loadFailed: 'تعذّر تحميل إشعاراتك.',
    markAllRead: 'تعليم الكل كمقروء',
    markRead: 'تعليم كمقروء',
    marked: 'عُلِّم كمقروء: {{label}}.',
    allMarked: 'عُلِّمت جميع الإشعارات كمقروءة.',
    all: 'كل الإشعارات',
    unreadOnly: 'غير المقروءة فقط',
    shown: 'المعروضة: {{count}}',
    unreadCount: 'غير المقروءة: {{count}}',
    kinds: {
      memberAdded: 'إضافة إلى شبكة',
      roleChanged: 'تغيّر دورك',
      invitation: 'دعوة إلى Liaison',
      passwordReset: 'رابط إعادة تعيين كلمة المرور',
      mention: 'إشارة إليك في محادثة',
      newMessages: 'رسائل جديدة في محادثة',
      invitationApproved: 'تمت الموافقة على دعوتك',
      invitationRefused: 'رُفضت دعوتك',
      credentialsChanged: 'تم تغيير كلمة مرورك وأداة المصادقة',
      unknown: 'إشعار',
    },
  },
};
