<#--
  The plain-text part of a TicketBridge ticket mail (FreeMarker): the same variables as the HTML part
  (README.md, "The e-mail sink"), nothing escaped. Point the ticket-email-sink property "textTemplate" at your copy.
-->
<#macro messageBlock m>
--- ${m.kindLabel}<#if m.author.display?has_content> from ${m.author.display}</#if><#if m.createdAt?has_content>, ${m.createdAt}</#if><#if m.isNew && mode == "ticket"> (new)</#if>

${m.text}
<#list m.attachments as a>
  [file] ${a.fileName}<#if a.size?has_content> (${a.size})</#if><#if a.attached> - attached<#elseif !m.isNew> - in an earlier mail<#else> - not downloaded by the source</#if>
</#list>

</#macro>
${subject}

Status:    ${ticket.status}<#if statusChanged> (was ${previousStatus})</#if>
<#if ticket.priority?has_content>
Priority:  ${ticket.priority}
</#if>
<#if ticket.requester.display?has_content>
Requester: ${ticket.requester.display}
</#if>
<#if ticket.assignee.display?has_content>
Assignee:  ${ticket.assignee.display}
</#if>
<#if ticket.queue?has_content>
Queue:     ${ticket.queue}
</#if>
Ticket:    ${ticket.vendor} #${ticket.number}<#if ticket.createdAt?has_content>, opened ${ticket.createdAt}</#if>

<#if newMessages?has_content>
<#if newMessages?size == 1>New message<#else>${newMessages?size} new messages</#if>:

<#list newMessages as m><@messageBlock m/></#list>
<#elseif statusChanged>
The status changed from ${previousStatus} to ${ticket.status}.

</#if>
<#if earlier?has_content>
Earlier in this ticket (newest first):

<#list earlier?reverse as m><@messageBlock m/></#list>
</#if>
--
Sent by TicketBridge from ${ticket.vendor} ticket ${ticket.id}. Replies to this mail do not reach the ticket.
